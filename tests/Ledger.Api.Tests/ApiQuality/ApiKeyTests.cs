using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ledger.Api.Security.CreateApiKey;
using Ledger.Api.Security.ListApiKeys;
using Npgsql;
using Shouldly;
using Xunit;

namespace Ledger.Api.Tests.ApiQuality;

[Trait("Category", "Integration")]
[Collection(nameof(SharedLedgerApp))]
public sealed class ApiKeyTests(LedgerApp app)
{
    [Fact]
    public async Task GivenNoKey_WhenAnAdminEndpointIsCalled_Then401Problem()
    {
        using var client = app.CreateClient();

        using var response = await client.SendAsync(DevApiKeys.Request(HttpMethod.Get, "/api/keys", key: null));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        response.Headers.WwwAuthenticate.ToString().ShouldContain("X-Api-Key");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("status").GetInt32().ShouldBe(401);
    }

    [Theory]
    [InlineData("ldg_devadmin_wrong-secret")]
    [InlineData("ldg_nosuchkey_secret")]
    [InlineData("not-a-ledger-key")]
    public async Task GivenAnUnknownKey_Then401ProblemSayingSo(string key)
    {
        using var client = app.CreateClient();

        using var response = await client.SendAsync(DevApiKeys.Request(HttpMethod.Get, "/api/keys", key));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync()).ShouldContain("unknown or revoked");
    }

    [Theory]
    [InlineData("ldg_")]
    [InlineData("ldg__secret")]
    [InlineData("ldg_devadmin_")]
    [InlineData("ldg_dev admin_admin-secret")]
    [InlineData("ldg_d\u00e9vadmin_admin-secret")]
    [InlineData(" ")]
    public async Task GivenAMalformedKey_Then401ProblemNeverA500(string key)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/projections", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("X-Api-Key", key);

        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task GivenAVeryLongKeyOrTwoKeys_Then401Problem()
    {
        using var client = app.CreateClient();
        using var longKey = DevApiKeys.Request(HttpMethod.Get, "/api/projections", "ldg_devadmin_" + new string('x', 10_000));
        using var twoKeys = DevApiKeys.Request(HttpMethod.Get, "/api/projections", DevApiKeys.Admin);
        twoKeys.Headers.Add("X-Api-Key", DevApiKeys.Reader);

        (await client.SendAsync(longKey)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.SendAsync(twoKeys)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(DevApiKeys.Reader)]
    [InlineData(DevApiKeys.Operator)]
    public async Task GivenALesserRole_WhenAnAdminEndpointIsCalled_Then403Problem(string key)
    {
        using var client = app.CreateClient();

        using var response = await client.SendAsync(DevApiKeys.Request(HttpMethod.Get, "/api/keys", key));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Theory]
    [InlineData(DevApiKeys.Reader)]
    [InlineData(DevApiKeys.Operator)]
    [InlineData(DevApiKeys.Admin)]
    public async Task GivenAnyRole_WhenProjectionsAreAsked_ThenEachRegisteredProjectionIsListed(string key)
    {
        using var client = app.CreateClient();

        using var response = await client.SendAsync(DevApiKeys.Request(HttpMethod.Get, "/api/projections", key));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("projections").ValueKind.ShouldBe(JsonValueKind.Array);
    }

    [Fact]
    public async Task GivenAdmin_WhenAKeyIsCreated_ThenItWorksIsStoredOnlyAsItsHashAndStopsWorkingOnceRevoked()
    {
        using var client = app.CreateClient();

        using var create = await client.SendAsync(DevApiKeys.Request(HttpMethod.Post, "/api/keys", DevApiKeys.Admin, JsonContent.Create(new { name = "Support dashboard", role = "reader" })));

        create.StatusCode.ShouldBe(HttpStatusCode.Created);
        create.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var created = (await create.Content.ReadFromJsonAsync<CreateApiKeyResponse>())!;
        created.Role.ShouldBe("reader");
        created.Key.ShouldStartWith($"ldg_{created.KeyId}_");
        (await client.SendAsync(DevApiKeys.Request(HttpMethod.Get, "/api/projections", created.Key))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.SendAsync(DevApiKeys.Request(HttpMethod.Get, "/api/keys", created.Key))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("select key_sha256, row_to_json(k)::text from ledger.api_keys k where key_id = $1", connection);
            command.Parameters.AddWithValue(created.KeyId);
            await using var reader = await command.ExecuteReaderAsync();
            (await reader.ReadAsync()).ShouldBeTrue();
            ((byte[])reader[0]).ShouldBe(SHA256.HashData(Encoding.UTF8.GetBytes(created.Key)));
            reader.GetString(1).ShouldNotContain(created.Key.Split('_')[^1]);
        }

        using var list = await client.SendAsync(DevApiKeys.Request(HttpMethod.Get, "/api/keys", DevApiKeys.Admin));
        var listed = (await list.Content.ReadFromJsonAsync<ListApiKeysResponse>())!;
        listed.Keys.Select(k => k.KeyId).ShouldContain(created.KeyId);
        listed.Keys.Select(k => k.KeyId).ShouldContain("devadmin");
        (await list.Content.ReadAsStringAsync()).ShouldNotContain("secret");

        using var revoke = await client.SendAsync(DevApiKeys.Request(HttpMethod.Delete, $"/api/keys/{created.KeyId}", DevApiKeys.Admin));

        revoke.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.SendAsync(DevApiKeys.Request(HttpMethod.Get, "/api/projections", created.Key))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var withRevoked = await client.SendAsync(DevApiKeys.Request(HttpMethod.Get, "/api/keys?includeRevoked=true", DevApiKeys.Admin));
        var all = (await withRevoked.Content.ReadFromJsonAsync<ListApiKeysResponse>())!;
        all.Keys.Single(k => k.KeyId == created.KeyId).RevokedAt.ShouldNotBeNull();
        using var withoutRevoked = await client.SendAsync(DevApiKeys.Request(HttpMethod.Get, "/api/keys", DevApiKeys.Admin));
        (await withoutRevoked.Content.ReadFromJsonAsync<ListApiKeysResponse>())!.Keys.Select(k => k.KeyId).ShouldNotContain(created.KeyId);
    }

    [Fact]
    public async Task GivenAnUnknownKeyId_WhenRevoked_Then404Problem()
    {
        using var client = app.CreateClient();

        using var response = await client.SendAsync(DevApiKeys.Request(HttpMethod.Delete, "/api/keys/nosuchkey", DevApiKeys.Admin));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Theory]
    [InlineData("""{"name":"x","role":"superuser"}""", "role")]
    [InlineData("""{"name":"","role":"reader"}""", "name")]
    [InlineData("""{"role":"reader"}""", "name")]
    public async Task GivenABadKeyRequest_Then400ProblemNamingTheField(string json, string field)
    {
        using var client = app.CreateClient();

        using var response = await client.SendAsync(DevApiKeys.Request(HttpMethod.Post, "/api/keys", DevApiKeys.Admin, new StringContent(json, Encoding.UTF8, "application/json")));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync()).ShouldContain($"\"{field}\"");
    }
}
