using System.Globalization;
using System.Text;
using System.Text.Json;
using Ledger.Simulators.Hosting;
using Ledger.Simulators.Webhooks;
using Microsoft.Extensions.Logging;

namespace Ledger.Simulators.Acs;

/// <summary>A validation problem in a submitted order, as the 422 body lists it.</summary>
public sealed record AcsFieldError(string Field, string Message);

/// <summary>
/// ACS Clothing 3PL, per the project-defined contract (ACS publishes no API): an orders API, garments
/// tracked per RFID tag, order-status and returns-grading messages to Ledger, and a daily per-tag
/// stock CSV. Messages are sent once (no retries) and can be resent verbatim with <see cref="Resend"/>.
/// </summary>
public sealed partial class AcsSimulator : SimulatedSystem
{
    public const string StockCsvHeader = "TagId,Sku,LocationStatus,LastUpdated";

    private const int MaxOrderNumberLength = 50;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, AcsOrder> _orders = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, AcsTag> _tags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (AcsSentMessage Sent, WebhookMessage Message)> _messages = new(StringComparer.Ordinal);
    private readonly List<AcsSentMessage> _sent = [];
    private long _lastTagNumber;
    private int _lastTrackingNumber = 100000;

    public AcsSimulator(SimulatorContext context)
        : base("acs", context, WebhookRetryPolicy.None(context?.Settings.Acs.CallbackTimeout ?? TimeSpan.FromSeconds(30)))
    {
        if (Options.StockFileInterval is { } interval && Settings.Scale(interval) > TimeSpan.Zero)
        {
            ScheduleStockFile(interval);
        }
    }

    public AcsOptions Options => Settings.Acs;

    public IReadOnlyList<AcsOrder> Orders => Locked(() => _orders.Values.ToList());

    public IReadOnlyList<AcsTag> Tags => Locked(() => _tags.Values.ToList());

    /// <summary>Every message sent or resent, oldest first (resends appear again with the same id).</summary>
    public IReadOnlyList<AcsSentMessage> SentMessages => Locked(() => _sent.ToList());

    public AcsOrder? FindOrder(string orderNumber) => Locked(() => _orders.GetValueOrDefault(orderNumber));

    public AcsTag? FindTag(string tagId) => Locked(() => _tags.GetValueOrDefault(tagId));

    /// <summary>Accepts an order as if Ledger had submitted it; throws when the number is already known.</summary>
    public AcsOrder ReceiveOrder(AcsOrderSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        lock (_gate)
        {
            if (_orders.ContainsKey(submission.OrderNumber))
            {
                throw new InvalidOperationException($"Order {submission.OrderNumber} already exists.");
            }

            var now = Clock.GetUtcNow();
            var order = new AcsOrder(
                submission.OrderNumber, AcsOrderStatus.Received, null, submission.Channel, submission.CarrierService,
                submission.LockerId, submission.B2b, submission.ShipTo, submission.Lines, [], null, null, [], now, now);
            _orders[order.OrderNumber] = order;
            return order;
        }
    }

    /// <summary>Picking starts: ready tags of the ordered SKUs are allocated; Ledger can no longer cancel.</summary>
    public AcsOrderStatusMessage StartPicking(string orderNumber) => Advance(orderNumber, AcsOrderStatus.Picking);

    public AcsOrderStatusMessage MarkPacked(string orderNumber) => Advance(orderNumber, AcsOrderStatus.Packed);

    /// <summary>Despatches everything outstanding; a tracking number is generated when none is given.</summary>
    public AcsOrderStatusMessage Despatch(string orderNumber, string? trackingNumber = null, string? carrier = null) =>
        Advance(orderNumber, AcsOrderStatus.Despatched, trackingNumber: trackingNumber, carrier: carrier);

    /// <summary>Despatches some lines; the status is PartDespatched, or Despatched when nothing is left.</summary>
    public AcsOrderStatusMessage PartDespatch(
        string orderNumber, IReadOnlyList<AcsLine> lines, string? trackingNumber = null, string? carrier = null) =>
        Advance(orderNumber, AcsOrderStatus.PartDespatched, lines: lines, trackingNumber: trackingNumber, carrier: carrier);

    /// <summary>ACS cannot fulfil the order (e.g. no garment passed QA).</summary>
    public AcsOrderStatusMessage Reject(string orderNumber, string reason) =>
        Advance(orderNumber, AcsOrderStatus.Rejected, reason: reason);

    /// <summary>ACS cancels the order on its side (Ledger's own cancel goes through the API and sends nothing).</summary>
    public AcsOrderStatusMessage Cancel(string orderNumber, string? reason = null) =>
        Advance(orderNumber, AcsOrderStatus.Cancelled, reason: reason);

    /// <summary>Sends a Received message for an order (ACS's acknowledgement; the API's 201 already says so).</summary>
    public AcsOrderStatusMessage AcknowledgeReceived(string orderNumber)
    {
        lock (_gate)
        {
            var order = RequireOrder(orderNumber);
            return SendStatus(order, order.Lines);
        }
    }

    public AcsTag AddTag(string tagId, string sku, string locationStatus = AcsLocationStatuses.ReadyForCustomer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tagId);
        ArgumentException.ThrowIfNullOrWhiteSpace(sku);
        lock (_gate)
        {
            var tag = new AcsTag(tagId, sku, locationStatus, Clock.GetUtcNow());
            _tags[tagId] = tag;
            return tag;
        }
    }

    /// <summary>Adds <paramref name="count"/> garments of a SKU with generated EPC-like tag ids.</summary>
    public IReadOnlyList<AcsTag> AddTags(string sku, int count, string locationStatus = AcsLocationStatuses.ReadyForCustomer)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (_gate)
        {
            return [.. Enumerable.Range(0, count).Select(_ =>
                AddTag(string.Create(CultureInfo.InvariantCulture, $"E2801170{++_lastTagNumber:X16}"), sku, locationStatus))];
        }
    }

    public AcsTag SetTagStatus(string tagId, string locationStatus) => UpdateTag(tagId, t => t with { LocationStatus = locationStatus });

    /// <summary>A returned garment arrives: it waits for QA (no message yet).</summary>
    public AcsTag ReceiveReturn(string tagId) =>
        UpdateTag(tagId, t => t with { LocationStatus = AcsLocationStatuses.ReceiptedAwaitingQa });

    /// <summary>
    /// Grades a returned garment and posts the returns message. A → ready for customer, B → processing
    /// (cleaning), C → in refurbishment, BER → Beyond Economic Repair.
    /// </summary>
    public AcsReturnGradingMessage GradeReturn(string tagId, AcsGrade grade, string? orderNumber = null, string? notes = null)
    {
        lock (_gate)
        {
            var tag = _tags.GetValueOrDefault(tagId) ?? throw new KeyNotFoundException($"Tag {tagId} not found.");
            var status = grade switch
            {
                AcsGrade.A => AcsLocationStatuses.ReadyForCustomer,
                AcsGrade.B => AcsLocationStatuses.Processing,
                AcsGrade.C => AcsLocationStatuses.InRefurbishment,
                _ => AcsLocationStatuses.BeyondEconomicRepair,
            };
            var now = Clock.GetUtcNow();
            _tags[tagId] = tag with { LocationStatus = status, LastUpdated = now, OrderNumber = null };
            var message = new AcsReturnGradingMessage(
                NewMessageId(), tag.TagId, tag.Sku, orderNumber ?? tag.OrderNumber, grade.ToString(), notes, now.UtcDateTime);
            Post("returns", "/webhooks/acs/returns", JsonSerializer.SerializeToUtf8Bytes(message, AcsJson.Options),
                "application/json", message.MessageId);
            return message;
        }
    }

    /// <summary>The stock file as it stands: one row per tag, ordered by tag id.</summary>
    public string BuildStockCsv()
    {
        var text = new StringBuilder(StockCsvHeader);
        foreach (var tag in Tags)
        {
            text.Append("\r\n")
                .Append(Csv(tag.TagId)).Append(',')
                .Append(Csv(tag.Sku)).Append(',')
                .Append(Csv(tag.LocationStatus)).Append(',')
                .Append(tag.LastUpdated.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }

        return text.Append("\r\n").ToString();
    }

    /// <summary>
    /// Publishes the daily stock file: written to <see cref="AcsOptions.StockDropFolder"/> when set,
    /// otherwise POSTed to Ledger's <c>/imports/acs/stock</c> as <c>text/csv</c>.
    /// </summary>
    public AcsStockFile PublishStockFile()
    {
        var csv = BuildStockCsv();
        var rows = Tags.Count;
        var now = Clock.GetUtcNow();
        var fileName = string.Create(CultureInfo.InvariantCulture, $"acs-stock-{now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}.csv");
        if (Options.StockDropFolder is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, fileName);

            // Written under a temporary name and renamed, so a folder watcher never reads half a file.
            var temporary = path + ".partial";
            File.WriteAllText(temporary, csv, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temporary, path, overwrite: true);
            return new AcsStockFile(fileName, csv, rows, null, path);
        }

        lock (_gate)
        {
            var sent = Post("stock", "/imports/acs/stock", Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", NewMessageId());
            return new AcsStockFile(fileName, csv, rows, sent.MessageId, null);
        }
    }

    /// <summary>Sends an earlier message again with the same bytes (same messageId), e.g. to test deduplication.</summary>
    public AcsSentMessage Resend(string messageId)
    {
        lock (_gate)
        {
            if (!_messages.TryGetValue(messageId, out var original))
            {
                throw new KeyNotFoundException($"Message {messageId} was never sent.");
            }

            var again = original.Sent with { SentAt = Clock.GetUtcNow() };
            _sent.Add(again);
            Webhooks.Send(original.Message);
            return again;
        }
    }

    public override Task WriteRejectionAsync(HttpContext context, string? message)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Results.Json(new { errors = new[] { new AcsFieldError("", message ?? "The request was rejected.") } },
            AcsJson.Options, statusCode: StatusCodes.Status422UnprocessableEntity).ExecuteAsync(context);
    }

    public override void Map(IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup(PathPrefix + "/api");
        api.MapPost("/orders", (Func<HttpContext, Task<IResult>>)CreateOrderAsync);
        api.MapGet("/orders/{orderNumber}", (HttpContext http, string orderNumber) => GetOrder(http, orderNumber));
        api.MapPost("/orders/{orderNumber}/cancel", (HttpContext http, string orderNumber) => CancelOrder(http, orderNumber));
        MapControl(app.MapGroup(ControlPrefix));
    }

    private async Task<IResult> CreateOrderAsync(HttpContext http)
    {
        if (!Authorised(http.Request))
        {
            return Unauthorised();
        }

        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            body = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return Json(new { errors = new[] { new AcsFieldError("", "Malformed JSON: " + ex.Message) } }, StatusCodes.Status400BadRequest);
        }

        var (submission, errors) = AcsOrderParser.Parse(body, MaxOrderNumberLength);
        if (submission is null)
        {
            return Json(new { errors }, StatusCodes.Status422UnprocessableEntity);
        }

        lock (_gate)
        {
            if (_orders.TryGetValue(submission.OrderNumber, out var existing))
            {
                return Json(existing, StatusCodes.Status409Conflict);
            }

            var order = ReceiveOrder(submission);
            http.Response.Headers.Location = $"{PathPrefix}/api/orders/{Uri.EscapeDataString(order.OrderNumber)}";
            return Json(new { orderNumber = order.OrderNumber, status = order.Status }, StatusCodes.Status201Created);
        }
    }

    private IResult GetOrder(HttpContext http, string orderNumber)
    {
        if (!Authorised(http.Request))
        {
            return Unauthorised();
        }

        return FindOrder(orderNumber) is { } order ? Json(order, StatusCodes.Status200OK) : NotFound(orderNumber);
    }

    private IResult CancelOrder(HttpContext http, string orderNumber)
    {
        if (!Authorised(http.Request))
        {
            return Unauthorised();
        }

        lock (_gate)
        {
            if (!_orders.TryGetValue(orderNumber, out var order))
            {
                return NotFound(orderNumber);
            }

            if (order.Status == AcsOrderStatus.Cancelled)
            {
                return Json(new { orderNumber, status = order.Status }, StatusCodes.Status200OK);
            }

            if (order.PickingStarted)
            {
                return Json(order, StatusCodes.Status409Conflict);
            }

            var cancelled = order with { Status = AcsOrderStatus.Cancelled, UpdatedAt = Clock.GetUtcNow() };
            _orders[orderNumber] = cancelled;
            ReleaseTags(orderNumber);
            return Json(new { orderNumber, status = cancelled.Status }, StatusCodes.Status200OK);
        }
    }

    private AcsOrderStatusMessage Advance(
        string orderNumber,
        AcsOrderStatus next,
        string? reason = null,
        IReadOnlyList<AcsLine>? lines = null,
        string? trackingNumber = null,
        string? carrier = null)
    {
        lock (_gate)
        {
            var order = RequireOrder(orderNumber);
            var allowed = next switch
            {
                AcsOrderStatus.Picking => order.Status == AcsOrderStatus.Received,
                AcsOrderStatus.Packed => order.Status == AcsOrderStatus.Picking,
                AcsOrderStatus.Despatched or AcsOrderStatus.PartDespatched => order.Status is AcsOrderStatus.Received
                    or AcsOrderStatus.Picking or AcsOrderStatus.Packed or AcsOrderStatus.PartDespatched,
                AcsOrderStatus.Rejected => order.Status is AcsOrderStatus.Received or AcsOrderStatus.Picking,
                AcsOrderStatus.Cancelled => order.Status is AcsOrderStatus.Received or AcsOrderStatus.Picking or AcsOrderStatus.Packed,
                _ => false,
            };
            if (!allowed)
            {
                throw new InvalidOperationException($"Order {orderNumber} cannot move from {order.Status} to {next}.");
            }

            if (next == AcsOrderStatus.Rejected && string.IsNullOrWhiteSpace(reason))
            {
                throw new ArgumentException("A rejection needs a reason.", nameof(reason));
            }

            var now = Clock.GetUtcNow();
            var updated = order with { Status = next, Reason = reason, UpdatedAt = now };
            IReadOnlyList<AcsLine> messageLines = order.Lines;
            switch (next)
            {
                case AcsOrderStatus.Picking:
                    updated = updated with { TagIds = AllocateTags(order) };
                    break;
                case AcsOrderStatus.Despatched or AcsOrderStatus.PartDespatched:
                    var outstanding = Outstanding(order);
                    var despatched = next == AcsOrderStatus.Despatched ? outstanding : lines ?? [];
                    RequireWithin(orderNumber, despatched, outstanding);
                    var all = Merge(order.DespatchedLines, despatched);
                    var complete = Outstanding(order with { DespatchedLines = all }).Count == 0;
                    updated = updated with
                    {
                        Status = complete ? AcsOrderStatus.Despatched : AcsOrderStatus.PartDespatched,
                        DespatchedLines = all,
                        TrackingNumber = trackingNumber ?? $"ACS{++_lastTrackingNumber:D10}GB",
                        Carrier = carrier ?? (order.LockerId is null ? "Royal Mail" : "InPost"),
                    };
                    ShipTags(order, despatched);
                    messageLines = despatched;
                    break;
                case AcsOrderStatus.Rejected or AcsOrderStatus.Cancelled:
                    ReleaseTags(orderNumber);
                    break;
            }

            _orders[orderNumber] = updated;
            return SendStatus(updated, messageLines);
        }
    }

    // Caller holds _gate.
    private AcsOrderStatusMessage SendStatus(AcsOrder order, IReadOnlyList<AcsLine> lines)
    {
        var despatch = order.Status is AcsOrderStatus.Despatched or AcsOrderStatus.PartDespatched;
        var message = new AcsOrderStatusMessage(
            NewMessageId(),
            order.OrderNumber,
            order.Status.ToString(),
            order.Reason,
            lines,
            despatch ? order.TrackingNumber : null,
            despatch ? order.Carrier : null,
            Clock.GetUtcNow().UtcDateTime);
        Post("orderstatus", "/webhooks/acs/orderstatus", JsonSerializer.SerializeToUtf8Bytes(message, AcsJson.Options),
            "application/json", message.MessageId);
        return message;
    }

    // Caller holds _gate.
    private AcsSentMessage Post(string kind, string path, byte[] body, string contentType, string messageId)
    {
        var url = Settings.LedgerUrl(path);
        var headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + Options.ApiKey };
        var message = new WebhookMessage(HttpMethod.Post, url, kind, body, contentType, headers);
        var sent = new AcsSentMessage(messageId, kind, url, contentType, Encoding.UTF8.GetString(body), Clock.GetUtcNow());
        _messages[messageId] = (sent, message);
        _sent.Add(sent);
        Webhooks.Send(message);
        return sent;
    }

    // Caller holds _gate.
    private List<string> AllocateTags(AcsOrder order)
    {
        var allocated = new List<string>();
        var now = Clock.GetUtcNow();
        foreach (var line in order.Lines)
        {
            var picked = _tags.Values
                .Where(t => t.Sku == line.Sku && t.LocationStatus == AcsLocationStatuses.ReadyForCustomer && t.OrderNumber is null)
                .Take(line.Quantity)
                .ToList();
            foreach (var tag in picked)
            {
                _tags[tag.TagId] = tag with { LocationStatus = AcsLocationStatuses.Processing, LastUpdated = now, OrderNumber = order.OrderNumber };
                allocated.Add(tag.TagId);
            }
        }

        return allocated;
    }

    // Caller holds _gate. Despatched garments leave with the customer: allocated tags first, else any ready ones.
    private void ShipTags(AcsOrder order, IReadOnlyList<AcsLine> lines)
    {
        var now = Clock.GetUtcNow();
        foreach (var line in lines)
        {
            var shipped = _tags.Values
                .Where(t => t.Sku == line.Sku && t.OrderNumber == order.OrderNumber && t.LocationStatus == AcsLocationStatuses.Processing)
                .Concat(_tags.Values.Where(t => t.Sku == line.Sku && t.OrderNumber is null
                    && t.LocationStatus == AcsLocationStatuses.ReadyForCustomer))
                .Take(line.Quantity)
                .ToList();
            foreach (var tag in shipped)
            {
                _tags[tag.TagId] = tag with { LocationStatus = AcsLocationStatuses.OutOnHire, LastUpdated = now, OrderNumber = order.OrderNumber };
            }
        }
    }

    // Caller holds _gate.
    private void ReleaseTags(string orderNumber)
    {
        var now = Clock.GetUtcNow();
        foreach (var tag in _tags.Values.Where(t => t.OrderNumber == orderNumber && t.LocationStatus == AcsLocationStatuses.Processing).ToList())
        {
            _tags[tag.TagId] = tag with { LocationStatus = AcsLocationStatuses.ReadyForCustomer, LastUpdated = now, OrderNumber = null };
        }
    }

    private static List<AcsLine> Outstanding(AcsOrder order) =>
        [.. order.Lines
            .GroupBy(l => l.Sku, StringComparer.Ordinal)
            .Select(g => new AcsLine(g.Key, g.Sum(l => l.Quantity)
                - order.DespatchedLines.Where(d => d.Sku == g.Key).Sum(d => d.Quantity)))
            .Where(l => l.Quantity > 0)];

    private static List<AcsLine> Merge(IReadOnlyList<AcsLine> a, IReadOnlyList<AcsLine> b) =>
        [.. a.Concat(b).GroupBy(l => l.Sku, StringComparer.Ordinal).Select(g => new AcsLine(g.Key, g.Sum(l => l.Quantity)))];

    private static void RequireWithin(string orderNumber, IReadOnlyList<AcsLine> despatched, List<AcsLine> outstanding)
    {
        if (despatched.Count == 0)
        {
            throw new ArgumentException($"Order {orderNumber}: nothing to despatch.", nameof(despatched));
        }

        foreach (var line in Merge([], despatched))
        {
            var left = outstanding.FirstOrDefault(o => o.Sku == line.Sku)?.Quantity ?? 0;
            if (line.Quantity <= 0 || line.Quantity > left)
            {
                throw new InvalidOperationException($"Order {orderNumber} has {left} × {line.Sku} outstanding, not {line.Quantity}.");
            }
        }
    }

    private AcsTag UpdateTag(string tagId, Func<AcsTag, AcsTag> change)
    {
        lock (_gate)
        {
            var tag = _tags.GetValueOrDefault(tagId) ?? throw new KeyNotFoundException($"Tag {tagId} not found.");
            var updated = change(tag) with { LastUpdated = Clock.GetUtcNow() };
            _tags[tagId] = updated;
            return updated;
        }
    }

    private void ScheduleStockFile(TimeSpan interval) =>
        Context.Schedule(interval, () =>
        {
            try
            {
                PublishStockFile();
            }
            catch (IOException ex)
            {
                Log.LogError(ex, "ACS stock file could not be written");
            }

            ScheduleStockFile(interval);
        }, Log);

    // Caller holds _gate.
    private AcsOrder RequireOrder(string orderNumber) =>
        _orders.GetValueOrDefault(orderNumber) ?? throw new KeyNotFoundException($"Order {orderNumber} not found.");

    private bool Authorised(HttpRequest request) =>
        string.Equals(request.Headers.Authorization.ToString(), "Bearer " + Options.ApiKey, StringComparison.Ordinal);

    private static IResult Unauthorised() =>
        Json(new { errors = new[] { new AcsFieldError("", "Missing or invalid API key.") } }, StatusCodes.Status401Unauthorized);

    private static IResult NotFound(string orderNumber) =>
        Json(new { errors = new[] { new AcsFieldError("orderNumber", $"Order {orderNumber} not found.") } }, StatusCodes.Status404NotFound);

    private static IResult Json(object value, int status) => Results.Json(value, AcsJson.Options, statusCode: status);

    private static string NewMessageId() => Guid.CreateVersion7().ToString();

    private static string Csv(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private T Locked<T>(Func<T> read)
    {
        lock (_gate)
        {
            return read();
        }
    }
}
