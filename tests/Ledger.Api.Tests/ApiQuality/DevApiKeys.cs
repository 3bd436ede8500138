namespace Ledger.Api.Tests.ApiQuality;

/// <summary>The keys appsettings.Development.json seeds; the tests' host runs as Development.</summary>
internal static class DevApiKeys
{
    public const string Reader = "ldg_devreader_reader-secret";
    public const string Operator = "ldg_devoperator_operator-secret";
    public const string Admin = "ldg_devadmin_admin-secret";

    public static HttpRequestMessage Request(HttpMethod method, string path, string? key, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return request;
    }
}
