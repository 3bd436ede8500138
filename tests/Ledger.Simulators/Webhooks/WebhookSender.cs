using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using Ledger.Simulators.Hosting;
using Microsoft.Extensions.Logging;

namespace Ledger.Simulators.Webhooks;

/// <summary>
/// Delivers a system's webhooks in the background, one task per message, with the system's retry
/// policy. Records every attempt in <see cref="Deliveries"/>.
/// </summary>
public sealed class WebhookSender
{
    private readonly string _system;
    private readonly SimulatorContext _context;
    private readonly ILogger _log;
    private readonly Lock _gate = new();
    private readonly List<WebhookDelivery> _deliveries = [];
    private readonly ConcurrentDictionary<long, Task> _inFlight = new();
    private long _nextMessageId;
    private int _dropNext;

    public WebhookSender(string system, SimulatorContext context, WebhookRetryPolicy retryPolicy, ILogger log)
    {
        _system = system;
        _context = context;
        _log = log;
        RetryPolicy = retryPolicy;
    }

    /// <summary>Replaceable at run time, e.g. to make a test's retries immediate.</summary>
    public WebhookRetryPolicy RetryPolicy { get; set; }

    public IReadOnlyList<WebhookDelivery> Deliveries
    {
        get
        {
            lock (_gate)
            {
                return [.. _deliveries];
            }
        }
    }

    /// <summary>Messages queued or being retried.</summary>
    public int InFlight => _inFlight.Count;

    public void DropNext(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate)
        {
            _dropNext += count;
        }
    }

    /// <summary>Sends a message built now, after an optional real-world delay (scaled).</summary>
    public void Send(WebhookMessage message, TimeSpan delay = default, Action<WebhookDelivery>? onAttempt = null) =>
        Send(() => message, delay, onAttempt);

    /// <summary>
    /// Sends a message built at delivery time (after <paramref name="delay"/>), for systems whose payload
    /// reflects current state. A build returning null sends nothing (e.g. a disabled subscription).
    /// </summary>
    public void Send(Func<WebhookMessage?> build, TimeSpan delay = default, Action<WebhookDelivery>? onAttempt = null)
    {
        var id = Interlocked.Increment(ref _nextMessageId);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _inFlight[id] = started.Task;
        _ = Task.Run(async () =>
        {
            try
            {
                await DeliverAsync(id, build, delay, onAttempt, _context.Stopping);
            }
            catch (OperationCanceledException) when (_context.Stopping.IsCancellationRequested)
            {
            }
#pragma warning disable CA1031 // a failed delivery must never take the host down
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _log.LogError(ex, "{System} webhook {MessageId} failed unexpectedly", _system, id);
            }
            finally
            {
                _inFlight.TryRemove(id, out _);
                started.TrySetResult();
            }
        }, CancellationToken.None);
    }

    /// <summary>Completes when nothing is queued or retrying (messages sent meanwhile are awaited too).</summary>
    public async Task WhenIdleAsync(CancellationToken ct = default)
    {
        while (!_inFlight.IsEmpty)
        {
            await Task.WhenAll(_inFlight.Values).WaitAsync(ct);
        }
    }

    private async Task DeliverAsync(
        long id, Func<WebhookMessage?> build, TimeSpan delay, Action<WebhookDelivery>? onAttempt, CancellationToken ct)
    {
        var clock = _context.Clock;
        var scaled = _context.Settings.Scale(delay);
        if (scaled > TimeSpan.Zero)
        {
            await Task.Delay(scaled, clock, ct);
        }

        var message = build();
        if (message is null)
        {
            return;
        }

        if (TakeDrop())
        {
            var dropped = new WebhookDelivery(id, 1, message, clock.GetUtcNow(), TimeSpan.Zero, null, false, true, "dropped");
            Record(dropped);
            onAttempt?.Invoke(dropped);
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            var policy = RetryPolicy;
            var delivery = await AttemptAsync(id, attempt, message, policy, ct);
            Record(delivery);
            onAttempt?.Invoke(delivery);
            if (delivery.Succeeded)
            {
                return;
            }

            var wait = policy.DelayBeforeRetry(attempt);
            if (wait is null)
            {
                return;
            }

            await Task.Delay(_context.Settings.Scale(wait.Value), clock, ct);
        }
    }

    private async Task<WebhookDelivery> AttemptAsync(
        long id, int attempt, WebhookMessage message, WebhookRetryPolicy policy, CancellationToken ct)
    {
        var sentAt = _context.Clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(message.Method, message.Url);
        if (message.Method != HttpMethod.Get)
        {
            request.Content = new ReadOnlyMemoryContent(message.Body);
            if (message.ContentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(message.ContentType);
            }
        }

        foreach (var (name, value) in message.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(policy.AttemptTimeout);
        try
        {
            using var response = await _context.WebhookClient.SendAsync(
                request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            return new WebhookDelivery(id, attempt, message, sentAt, watch.Elapsed, status, policy.IsSuccess(status), false, null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new WebhookDelivery(id, attempt, message, sentAt, watch.Elapsed, null, false, false, "timeout");
        }
        catch (HttpRequestException ex)
        {
            return new WebhookDelivery(id, attempt, message, sentAt, watch.Elapsed, null, false, false, ex.Message);
        }
    }

    private bool TakeDrop()
    {
        lock (_gate)
        {
            if (_dropNext <= 0)
            {
                return false;
            }

            _dropNext--;
            return true;
        }
    }

    private void Record(WebhookDelivery delivery)
    {
        lock (_gate)
        {
            _deliveries.Add(delivery);
        }

        _log.LogDebug("{System} webhook {Topic} attempt {Attempt} → {Status}", _system, delivery.Topic, delivery.Attempt,
            delivery.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? delivery.Error);
    }
}
