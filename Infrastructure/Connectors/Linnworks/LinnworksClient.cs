using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Ledger.Application.Connectors.Linnworks;
using Microsoft.Extensions.Logging;

namespace Ledger.Infrastructure.Connectors.Linnworks;

/// <summary>
/// Linnworks' session flow: <c>AuthorizeByApplication</c> with the installation token gives a session token
/// and the <c>Server</c> that serves the account; calls go to <c>{Server}/api/{Controller}/{Method}</c> with
/// the bare token in <c>Authorization</c>. A session lapses after 20 idle minutes, so Ledger authorises
/// again once the TTL has passed, and once more whenever Linnworks answers 401 or "Token is wrong.".
/// Transient failures (5xx, time-outs, 429 with Retry-After) are retried by the HttpClient's resilience
/// pipeline; per-endpoint quotas are kept by <see cref="LinnworksRateLimitHandler"/>.
/// </summary>
public sealed class LinnworksClient(IHttpClientFactory httpClients, LinnworksOptions options, TimeProvider clock, ILogger<LinnworksClient> logger) : IDisposable
{
    public const string HttpClientName = "linnworks";
    public const string SystemName = "linnworks";

    private static readonly TimeSpan DefaultSessionLifetime = TimeSpan.FromMinutes(20);

    // Linnworks reads PascalCase or camelCase alike; the names are written exactly as declared.
    private static readonly JsonSerializerOptions Wire = new() { PropertyNamingPolicy = null };

    private readonly SemaphoreSlim _authorising = new(1, 1);
    private Session? _session;

    public async Task<JsonDocument> PostAsync(string endpoint, object body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var payload = JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), Wire);
        for (var attempt = 0; ; attempt++)
        {
            var session = await SessionAsync(cancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(session.Server, "api/" + endpoint)) { Content = Json(payload) };
            request.Headers.TryAddWithoutValidation("Authorization", session.Token);
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (IsSessionRefused(response.StatusCode, answer))
            {
                Forget(session);
                if (attempt == 0)
                {
                    logger.LogInformation("Linnworks refused the session for {Endpoint} ({Error}); authorising again", endpoint, ConnectorException.ErrorText(answer));
                    continue;
                }

                throw new ConnectorException(SystemName, $"{endpoint} refused a new session: {ConnectorException.ErrorText(answer)}", response.StatusCode);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new ConnectorException(SystemName, $"{endpoint} answered {(int)response.StatusCode}: {ConnectorException.ErrorText(answer)}", response.StatusCode);
            }

            session.Touch(clock.GetUtcNow());
            try
            {
                return JsonDocument.Parse(answer);
            }
            catch (JsonException e)
            {
                throw new ConnectorException(SystemName, $"{endpoint} answered with something other than JSON: {e.Message}");
            }
        }
    }

    public void Dispose() => _authorising.Dispose();

    private static bool IsSessionRefused(HttpStatusCode status, ReadOnlySpan<byte> answer) =>
        status == HttpStatusCode.Unauthorized || (status != HttpStatusCode.OK && answer.IndexOf("Token is wrong"u8) >= 0);

    private async Task<Session> SessionAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _session);
        if (current is not null && !current.HasLapsed(clock.GetUtcNow()))
        {
            return current;
        }

        await _authorising.WaitAsync(cancellationToken);
        try
        {
            current = _session;
            if (current is not null && !current.HasLapsed(clock.GetUtcNow()))
            {
                return current;
            }

            var session = await AuthoriseAsync(cancellationToken);
            Volatile.Write(ref _session, session);
            return session;
        }
        finally
        {
            _authorising.Release();
        }
    }

    private void Forget(Session session) => Interlocked.CompareExchange(ref _session, null, session);

    private async Task<Session> AuthoriseAsync(CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new
        {
            options.ApplicationId,
            options.ApplicationSecret,
            Token = options.InstallationToken,
        }, Wire);
        var url = new Uri(options.BaseUrl.ToString().TrimEnd('/') + "/api/Auth/AuthorizeByApplication");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = Json(payload) };
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ConnectorException(SystemName, $"AuthorizeByApplication answered {(int)response.StatusCode}: {ConnectorException.ErrorText(answer)}", response.StatusCode);
        }

        using var document = JsonDocument.Parse(answer);
        var root = document.RootElement;
        var token = root.TryGetProperty("Token", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var server = root.TryGetProperty("Server", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        if (string.IsNullOrEmpty(token) || !Uri.TryCreate(server?.TrimEnd('/') + "/", UriKind.Absolute, out var serverUrl))
        {
            throw new ConnectorException(SystemName, $"AuthorizeByApplication gave no usable Token and Server: {ConnectorException.ErrorText(answer)}");
        }

        var lifetime = root.TryGetProperty("TTL", out var ttl) && ttl.TryGetInt32(out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : DefaultSessionLifetime;
        logger.LogInformation("Authorised a Linnworks session on {Server} for {Lifetime}", serverUrl, lifetime);
        return new Session(token, serverUrl, lifetime, clock.GetUtcNow());
    }

    private static ByteArrayContent Json(byte[] payload)
    {
        var content = new ByteArrayContent(payload);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private sealed class Session(string token, Uri server, TimeSpan lifetime, DateTimeOffset authorisedAt)
    {
        private long _lastUsedTicks = authorisedAt.UtcTicks;

        public string Token { get; } = token;

        public Uri Server { get; } = server;

        public void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _lastUsedTicks, now.UtcTicks);

        /// <summary>Idle for (nearly) the TTL: Linnworks will have dropped it, so authorise rather than earn a 401.</summary>
        public bool HasLapsed(DateTimeOffset now)
        {
            var margin = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(30).Ticks, lifetime.Ticks / 10));
            return now.UtcTicks - Interlocked.Read(ref _lastUsedTicks) >= (lifetime - margin).Ticks;
        }
    }
}
