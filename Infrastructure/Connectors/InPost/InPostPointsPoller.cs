using System.Net;
using System.Text.Json;
using Ledger.Application.Abstractions.EventStore;
using Ledger.Application.Connectors.InPost;
using Ledger.Application.Inbound;
using Ledger.Domain.Carriers.InPost;
using Ledger.Domain.Shared;
using Microsoft.Extensions.Logging;

namespace Ledger.Infrastructure.Connectors.InPost;

/// <summary>
/// Asks the Points API for each watched locker every interval and appends
/// <c>inpost.point-status-changed.v1</c> to <c>inpost.point-{name}</c> whenever the status differs from the
/// last one recorded (the first sighting included), so a locker that stops operating is known before
/// parcels are addressed to it.
/// </summary>
public sealed class InPostPointsPoller(
    IHttpClientFactory httpClients,
    InPostOptions options,
    ILockerPointsToWatch points,
    InboundRecorder recorder,
    IEventStore store,
    ILogger<InPostPointsPoller> logger,
    TimeProvider clock) : PollingService(logger, clock)
{
    public const string HttpClientName = "inpost";

    protected override string Connector => InPostWebhookReceiver.Source;

    protected override bool Enabled => options.Polling.Enabled;

    protected override TimeSpan Interval => options.Polling.Interval;

    protected override IEnumerable<string> ConfigurationErrors()
    {
        if (options.Polling.Interval <= TimeSpan.Zero)
        {
            yield return $"{InPostOptions.Section}:Polling:Interval must be positive";
        }
    }

    protected override async Task PollAsync(CancellationToken cancellationToken)
    {
        foreach (var name in await points.GetAsync(cancellationToken))
        {
            // One point failing (unknown name, a bad answer) must not hide the others.
            try
            {
                await PollPointAsync(name, cancellationToken);
            }
            catch (ConnectorException e)
            {
                Logger.LogWarning("The InPost point {Point} could not be read: {Error}", name, e.Message);
            }
            catch (InboundValidationException e)
            {
                Logger.LogWarning("The InPost point {Point} could not be read: {Field}: {Error}", name, e.Field, e.Message);
            }
        }
    }

    private async Task PollPointAsync(string name, CancellationToken cancellationToken)
    {
        var url = new Uri($"{options.BaseUrl.ToString().TrimEnd('/')}/v1/points/{Uri.EscapeDataString(name)}");
        using var response = await httpClients.CreateClient(HttpClientName).GetAsync(url, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ConnectorException(Connector, response.StatusCode == HttpStatusCode.NotFound
                ? $"no point named {name}: {ConnectorException.ErrorText(body)}"
                : $"GET points/{name} answered {(int)response.StatusCode}: {ConnectorException.ErrorText(body)}", response.StatusCode);
        }

        using var document = JsonFields.Parse(body);
        var status = JsonFields.Root(document).RequiredString("status");
        var stream = InboundStreams.For("inpost.point", name, "name");
        for (var attempt = 0; ; attempt++)
        {
            var (revision, previous) = await LastStatusAsync(stream, cancellationToken);
            if (string.Equals(previous, status, StringComparison.Ordinal))
            {
                return;
            }

            var message = new InboundMessage(
                InPostWebhookReceiver.Source,
                stream,
                InPostEventTypes.PointStatusChanged,
                DeterministicGuid.Create($"inpost/point/{name}/{revision + 1}/{status}"),
                new InPostPointStatusChanged(name, status, previous),
                null,
                Clock.GetUtcNow(),
                $"inpost-point-{name}");
            try
            {
                await recorder.RecordAsync(message, body, revision < 0 ? ExpectedRevision.NoStream : ExpectedRevision.Exact(revision), cancellationToken);
                Logger.LogInformation("InPost point {Point} is now {Status} (was {Previous})", name, status, previous ?? "unknown");
                return;
            }
            catch (WrongExpectedRevisionException) when (attempt < 5)
            {
                // Another poller recorded the point meanwhile; compare against what it saw.
            }
        }
    }

    private async Task<(long Revision, string? Status)> LastStatusAsync(StreamName stream, CancellationToken cancellationToken)
    {
        await foreach (var e in store.ReadStreamAsync(stream, ReadDirection.Backwards, maxCount: 1, cancellationToken: cancellationToken))
        {
            if (e.Payload.IsEmpty)
            {
                return (e.StreamRevision, null);
            }

            using var payload = JsonDocument.Parse(e.Payload);
            return (e.StreamRevision, payload.RootElement.TryGetProperty("status", out var status) ? status.GetString() : null);
        }

        return (-1, null);
    }
}
