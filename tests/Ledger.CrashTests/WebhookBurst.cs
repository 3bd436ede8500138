using System.Globalization;
using System.Net;
using Ledger.Testing;

namespace Ledger.CrashTests;

/// <summary>One Shopify webhook delivery: what Shopify sends again, byte for byte, until it sees a 200.</summary>
public sealed record ShopifyDelivery(string WebhookId, string Topic, long OrderId, byte[] Body)
{
    public string OrderStreamId => OrderId.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One place in a client's queue, and what became of sending it.</summary>
public sealed class DeliveryAttempt(ShopifyDelivery delivery)
{
    public ShopifyDelivery Delivery { get; } = delivery;

    public bool Acknowledged { get; private set; }

    public bool Sent => History.Count > 0;

    /// <summary>The status of the last answer, or null when the last attempt got none.</summary>
    public HttpStatusCode? LastStatus { get; private set; }

    public List<string> History { get; } = [];

    public void Answered(HttpStatusCode status, string body)
    {
        LastStatus = status;
        History.Add($"{(int)status} {body}");
        Acknowledged |= status == HttpStatusCode.OK;
    }

    public void Failed(Exception error)
    {
        LastStatus = null;
        History.Add($"{error.GetType().Name}: {error.Message}");
    }
}

/// <summary>
/// A burst of signed Shopify webhooks from several concurrent clients, each sending its queue as fast as
/// Ledger answers. Every order gets orders/create and orders/paid (two webhook ids, one stream), spread
/// across clients so that appends to one stream race; every eighth delivery is repeated by another client
/// at about the same moment, as Shopify does when it did not see the first acknowledged in time.
/// </summary>
public sealed class WebhookBurst
{
    private readonly List<DeliveryAttempt>[] _queues;
    private int _killed;
    private int _connectionFailuresBeforeKill;

    private WebhookBurst(List<DeliveryAttempt>[] queues, IReadOnlyList<ShopifyDelivery> deliveries)
    {
        _queues = queues;
        Deliveries = deliveries;
    }

    /// <summary>Every distinct delivery (one per webhook id).</summary>
    public IReadOnlyList<ShopifyDelivery> Deliveries { get; }

    public IEnumerable<DeliveryAttempt> Attempts => _queues.SelectMany(q => q);

    public bool Killed => Volatile.Read(ref _killed) == 1;

    public int ConnectionFailuresBeforeKill => Volatile.Read(ref _connectionFailuresBeforeKill);

    /// <summary>How many other requests had been sent and not yet answered when the kill was given.</summary>
    public int InFlightAtKill { get; private set; }

    public static WebhookBurst Plan(int clients, int orders, int seed)
    {
        // The arrangement only has to vary like real traffic and be repeatable from the printed seed.
#pragma warning disable CA5394
        var random = new Random(seed);
        var firstOrder = random.NextInt64(1_000_000_000_000, 8_000_000_000_000);
        var deliveries = new ShopifyDelivery[orders * 2];
        for (var i = 0; i < orders; i++)
        {
            // Line item ids are order id + 1, so orders are spaced apart.
            var orderId = firstOrder + (i * 10L);
            deliveries[2 * i] = new ShopifyDelivery(Guid.NewGuid().ToString(), "orders/create", orderId, SignedRequests.ShopifyOrder(orderId, "pending"));
            deliveries[(2 * i) + 1] = new ShopifyDelivery(Guid.NewGuid().ToString(), "orders/paid", orderId, SignedRequests.ShopifyOrder(orderId));
        }

        var shuffled = deliveries.ToArray();
        random.Shuffle(shuffled);
        var queues = Enumerable.Range(0, clients).Select(_ => new List<DeliveryAttempt>()).ToArray();
        for (var i = 0; i < shuffled.Length; i++)
        {
            queues[i % clients].Add(new DeliveryAttempt(shuffled[i]));
        }

        for (var i = 0; i < shuffled.Length; i += 8)
        {
            var other = queues[((i % clients) + 1 + random.Next(clients - 1)) % clients];
            other.Insert(Math.Min(other.Count, (i / clients) + random.Next(3)), new DeliveryAttempt(shuffled[i]));
        }
#pragma warning restore CA5394

        return new WebhookBurst(queues, deliveries);
    }

    /// <summary>
    /// Sends until at least <paramref name="killAfter"/> deliveries have been acknowledged, then SIGKILLs
    /// Ledger at an acknowledgement that finds at least half the other clients waiting for an answer, so
    /// that the kill lands with requests in Ledger's hands (after 100 more, whatever is in flight). A
    /// client stops at its first failed request; what it had not sent yet waits for the retry, as
    /// Shopify's queue would.
    /// </summary>
    public async Task SendUntilKilledAsync(LedgerProcess ledger, int killAfter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        using var client = NewClient(ledger.BaseAddress);
        var acknowledgements = 0;
        var outstanding = 0;
        await Task.WhenAll(_queues.Select(queue => Task.Run(
            async () =>
            {
                foreach (var attempt in queue)
                {
                    if (Killed)
                    {
                        return;
                    }

                    Interlocked.Increment(ref outstanding);
                    var answered = await SendAsync(client, attempt, cancellationToken);
                    var others = Interlocked.Decrement(ref outstanding);
                    if (!answered)
                    {
                        // The flag is raised before the kill, so a failure seen without it is Ledger's own.
                        if (!Killed)
                        {
                            Interlocked.Increment(ref _connectionFailuresBeforeKill);
                        }

                        return;
                    }

                    var count = attempt.Acknowledged ? Interlocked.Increment(ref acknowledgements) : 0;
                    if (count >= killAfter && (others >= _queues.Length / 2 || count >= killAfter + 100)
                        && Interlocked.CompareExchange(ref _killed, 1, 0) == 0)
                    {
                        InFlightAtKill = others;
                        ledger.Kill();
                    }
                }
            },
            cancellationToken)));
    }

    /// <summary>Each client sends again, in its order, every delivery of its queue that did not get a 200.</summary>
    public async Task RetryUnacknowledgedAsync(Uri baseAddress, CancellationToken cancellationToken)
    {
        // A new client: the old one's pooled connections died with the process, as Shopify's would.
        using var client = NewClient(baseAddress);
        await Task.WhenAll(_queues.Select(queue => Task.Run(
            async () =>
            {
                foreach (var attempt in queue.Where(a => !a.Acknowledged))
                {
                    await SendAsync(client, attempt, cancellationToken);
                }
            },
            cancellationToken)));
    }

    /// <summary>True when Ledger answered (whatever the status); false when the connection failed.</summary>
    private static async Task<bool> SendAsync(HttpClient client, DeliveryAttempt attempt, CancellationToken cancellationToken)
    {
        var delivery = attempt.Delivery;
        using var request = SignedRequests.Shopify(delivery.Topic, delivery.Body, delivery.WebhookId);
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            attempt.Answered(response.StatusCode, body);
            return true;
        }
        catch (HttpRequestException e)
        {
            attempt.Failed(e);
            return false;
        }
        catch (IOException e)
        {
            attempt.Failed(e);
            return false;
        }
    }

    private static HttpClient NewClient(Uri baseAddress) => new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) })
    {
        BaseAddress = baseAddress,
        // A request Ledger holds this long is a hang, not load; it fails the test through the exception.
        Timeout = TimeSpan.FromSeconds(30),
    };
}
