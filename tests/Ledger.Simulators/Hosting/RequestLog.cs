namespace Ledger.Simulators.Hosting;

/// <summary>One wire-API request as the simulator received it.</summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    DateTimeOffset ReceivedAt)
{
    /// <summary>Status code answered, once the response has started (null while in flight or aborted).</summary>
    public int? StatusCode { get; internal set; }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>Thread-safe, append-only record of wire-API requests, so tests can assert what Ledger sent.</summary>
public sealed class RequestLog
{
    private readonly Lock _gate = new();
    private readonly List<RecordedRequest> _requests = [];

    public IReadOnlyList<RecordedRequest> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _requests.Count;
            }
        }
    }

    /// <summary>Requests whose method matches and whose path contains <paramref name="pathFragment"/>.</summary>
    public IReadOnlyList<RecordedRequest> Matching(string method, string pathFragment) =>
        [.. All.Where(r => string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase)
            && r.Path.Contains(pathFragment, StringComparison.OrdinalIgnoreCase))];

    public void Add(RecordedRequest request)
    {
        lock (_gate)
        {
            _requests.Add(request);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }
}
