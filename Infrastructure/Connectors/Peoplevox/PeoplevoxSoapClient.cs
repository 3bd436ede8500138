using System.Net.Http.Headers;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Ledger.Application.Connectors.Peoplevox;
using Microsoft.Extensions.Logging;

namespace Ledger.Infrastructure.Connectors.Peoplevox;

/// <summary>What a Peoplevox call answered: <c>ResponseId</c> 0 (ok) or -1 (error, text in <c>Detail</c>).</summary>
public sealed record PeoplevoxResponse(int ResponseId, int TotalCount, string Detail);

/// <summary>
/// Peoplevox's SOAP 1.1 integration service. <c>Authenticate</c> (password base64-encoded) gives
/// <c>"{clientId},{sessionId}"</c>; later calls carry <c>UserSessionCredentials</c>. Peoplevox reports errors
/// as <c>ResponseId -1</c> on HTTP 200, never as faults: a session error is answered by authenticating once
/// more, any other becomes a <see cref="ConnectorException"/> with Peoplevox's text.
/// </summary>
public sealed class PeoplevoxSoapClient(IHttpClientFactory httpClients, PeoplevoxOptions options, ILogger<PeoplevoxSoapClient> logger) : IDisposable
{
    public const string HttpClientName = "peoplevox";
    public const string SystemName = "peoplevox";

    private static readonly XNamespace Soap = "http://schemas.xmlsoap.org/soap/envelope/";
    private static readonly XNamespace Pvx = "http://www.peoplevox.net/";

    private readonly SemaphoreSlim _authenticating = new(1, 1);
    private volatile string? _sessionId;

    private Uri ServiceUrl => new($"{options.BaseUrl.ToString().TrimEnd('/')}/{Uri.EscapeDataString(options.ClientId)}/resources/integrationservicev4.asmx");

    /// <summary>Calls <paramref name="method"/> with <paramref name="parameters"/> (children of the method element).</summary>
    public async Task<PeoplevoxResponse> CallAsync(string method, IEnumerable<XElement> parameters, CancellationToken cancellationToken)
    {
        var body = parameters.ToList();
        for (var attempt = 0; ; attempt++)
        {
            var session = _sessionId ?? await AuthenticateAsync(null, cancellationToken);
            var response = await SendAsync(method, body, session, cancellationToken);
            if (response.ResponseId == 0)
            {
                return response;
            }

            if (attempt == 0 && IsSessionError(response.Detail))
            {
                logger.LogInformation("Peoplevox refused the session for {Method} ({Error}); authenticating again", method, response.Detail);
                await AuthenticateAsync(session, cancellationToken);
                continue;
            }

            throw new ConnectorException(SystemName, $"{method} answered ResponseId {response.ResponseId}: {response.Detail}");
        }
    }

    public void Dispose() => _authenticating.Dispose();

    private static bool IsSessionError(string detail) => detail.Contains("session", StringComparison.OrdinalIgnoreCase);

    /// <summary>Authenticates unless another call already replaced <paramref name="stale"/> with a new session.</summary>
    private async Task<string> AuthenticateAsync(string? stale, CancellationToken cancellationToken)
    {
        await _authenticating.WaitAsync(cancellationToken);
        try
        {
            if (_sessionId is { } current && current != stale)
            {
                return current;
            }

            var password = Convert.ToBase64String(Encoding.UTF8.GetBytes(options.Password));
            var response = await SendAsync("Authenticate",
                [new XElement(Pvx + "clientId", options.ClientId), new XElement(Pvx + "username", options.UserName), new XElement(Pvx + "password", password)],
                null, cancellationToken);
            var comma = response.Detail.IndexOf(',', StringComparison.Ordinal);
            if (response.ResponseId != 0 || comma < 0)
            {
                throw new ConnectorException(SystemName, $"Authenticate answered ResponseId {response.ResponseId}: {response.Detail}");
            }

            _sessionId = response.Detail[(comma + 1)..].Trim();
            return _sessionId;
        }
        finally
        {
            _authenticating.Release();
        }
    }

    private async Task<PeoplevoxResponse> SendAsync(string method, IReadOnlyList<XElement> parameters, string? sessionId, CancellationToken cancellationToken)
    {
        var envelope = new XElement(Soap + "Envelope",
            new XAttribute(XNamespace.Xmlns + "soap", Soap),
            sessionId is null ? null : new XElement(Soap + "Header",
                new XElement(Pvx + "UserSessionCredentials",
                    new XElement(Pvx + "UserId", 0),
                    new XElement(Pvx + "ClientId", options.ClientId),
                    new XElement(Pvx + "SessionId", sessionId))),
            new XElement(Soap + "Body", new XElement(Pvx + method, parameters)));
        using var request = new HttpRequestMessage(HttpMethod.Post, ServiceUrl)
        {
            Content = new StringContent(envelope.ToString(SaveOptions.DisableFormatting), Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("SOAPAction", $"\"{Pvx.NamespaceName}{method}\"");
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        XDocument document;
        try
        {
            document = XDocument.Parse(text);
        }
        catch (XmlException)
        {
            throw new ConnectorException(SystemName, $"{method} answered {(int)response.StatusCode} without a SOAP envelope: {Cut(text)}", response.StatusCode);
        }

        var fault = document.Descendants().FirstOrDefault(e => e.Name.LocalName == "Fault");
        if (fault is not null)
        {
            var reason = fault.Descendants().FirstOrDefault(e => e.Name.LocalName is "faultstring" or "Text")?.Value ?? fault.Value;
            throw new ConnectorException(SystemName, $"{method} faulted: {reason}", response.StatusCode);
        }

        var result = document.Descendants().FirstOrDefault(e => e.Name.LocalName == method + "Result")
            ?? throw new ConnectorException(SystemName, $"{method} answered {(int)response.StatusCode} without a {method}Result: {Cut(text)}", response.StatusCode);
        string? Value(string name) => result.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
        return new PeoplevoxResponse(
            int.TryParse(Value("ResponseId"), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : -1,
            int.TryParse(Value("TotalCount"), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var count) ? count : 0,
            Value("Detail") ?? string.Empty);
    }

    private static string Cut(string text) => text.Length <= 500 ? text : text[..500] + "…";
}
