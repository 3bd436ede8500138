using System.Globalization;
using System.Text;
using System.Xml;

namespace Ledger.Simulators.Peoplevox;

/// <summary>The SOAP integration service. Errors are <c>ResponseId -1</c> with text in <c>Detail</c> on HTTP 200.</summary>
public sealed partial class PeoplevoxSimulator
{
    private const int MaxSalesOrderNumberLength = 30;

    private async Task<IResult> HandleSoapAsync(HttpContext http, string clientId)
    {
        if (!string.Equals(clientId, Options.ClientId, StringComparison.OrdinalIgnoreCase))
        {
            return Results.NotFound();
        }

        PeoplevoxSoapCall call;
        try
        {
            call = PeoplevoxSoap.Parse(await ReadBodyAsync(http.Request));
        }
        catch (XmlException ex)
        {
            return PeoplevoxSoap.Fault(PeoplevoxSoap.Soap11, "Server was unable to read request. " + ex.Message);
        }

        // ASMX dispatches SOAP 1.1 on the SOAPAction header, so a missing or wrong one is a fault, not ResponseId -1.
        if (call.Envelope == PeoplevoxSoap.Soap11)
        {
            var action = http.Request.Headers["SOAPAction"].ToString().Trim('"');
            if (!string.Equals(action, PeoplevoxSoap.ServiceNamespace + call.Method, StringComparison.Ordinal))
            {
                return PeoplevoxSoap.Fault(call.Envelope, $"Server did not recognize the value of HTTP Header SOAPAction: {action}.");
            }
        }

        if (call.Method == "Authenticate")
        {
            return Authenticate(call);
        }

        if (!HasSession(call))
        {
            return Error(call, "Invalid session. Please authenticate.");
        }

        return call.Method switch
        {
            "GetData" => GetData(call),
            "GetReportData" => GetReportData(call),
            "GetSaveTemplate" => GetSaveTemplate(call),
            "SaveData" => SaveData(call),
            "SubscribeEvent" => SubscribeEvent(call, isPost: false),
            "SubscribePostEvent" => SubscribeEvent(call, isPost: true),
            "UnsubscribeEvent" => UnsubscribeEvent(call),
            _ => PeoplevoxSoap.Fault(call.Envelope, $"Server did not recognize the value of HTTP Header SOAPAction: {PeoplevoxSoap.ServiceNamespace}{call.Method}."),
        };
    }

    private static async Task WriteRejectionCoreAsync(HttpContext context, string? message)
    {
        var method = "Unknown";
        var envelope = PeoplevoxSoap.Soap11;
        try
        {
            var call = PeoplevoxSoap.Parse(await ReadBodyAsync(context.Request));
            (method, envelope) = (call.Method, call.Envelope);
        }
        catch (XmlException)
        {
            // Not a SOAP body; still answer in the service's error shape.
        }

        await PeoplevoxSoap.Result(envelope, method, -1, 0, message ?? "System error. Please try again later.").ExecuteAsync(context);
    }

    private IResult Authenticate(PeoplevoxSoapCall call)
    {
        var clientId = call.Value("clientId") ?? "";
        var username = call.Value("username") ?? "";
        string password;
        try
        {
            password = Encoding.UTF8.GetString(Convert.FromBase64String(call.Value("password") ?? ""));
        }
        catch (FormatException)
        {
            password = "";
        }

        if (!string.Equals(clientId, Options.ClientId, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(username, Options.UserName, StringComparison.OrdinalIgnoreCase)
            || password != Options.Password)
        {
            return PeoplevoxSoap.Result(call.Envelope, call.Method, -1, 0, "Invalid client id, username or password.");
        }

        var sessionId = Guid.NewGuid().ToString();
        lock (_gate)
        {
            _sessions.Add(sessionId);
        }

        return PeoplevoxSoap.Result(call.Envelope, call.Method, 0, 1, $"{Options.ClientId},{sessionId}");
    }

    private bool HasSession(PeoplevoxSoapCall call)
    {
        var sessionId = PeoplevoxSoapCall.Value(call.Credentials, "SessionId") ?? "";
        var clientId = PeoplevoxSoapCall.Value(call.Credentials, "ClientId") ?? "";
        lock (_gate)
        {
            return _sessions.Contains(sessionId) && string.Equals(clientId, Options.ClientId, StringComparison.OrdinalIgnoreCase);
        }
    }

    private IResult GetData(PeoplevoxSoapCall call)
    {
        var request = call.Element("getRequest");
        var template = PeoplevoxTemplates.Normalise(PeoplevoxSoapCall.Value(request, "TemplateName"));
        var table = Locked(() => DataTable(template));
        if (table is null)
        {
            return Error(call, $"Template '{template}' does not exist.");
        }

        return Page(call, table.Value.Header, table.Value.Rows, table.Value.Header,
            PeoplevoxSoapCall.Value(request, "SearchClause"), null,
            PeoplevoxSoapCall.Int(request, "PageNo"), PeoplevoxSoapCall.Int(request, "ItemsPerPage"));
    }

    private IResult GetReportData(PeoplevoxSoapCall call)
    {
        var request = call.Element("getReportRequest");
        var template = PeoplevoxTemplates.Normalise(PeoplevoxSoapCall.Value(request, "TemplateName"));
        var table = Locked(() => ReportTable(template));
        if (table is null)
        {
            return Error(call, $"Report '{template}' does not exist.");
        }

        var columns = ParseColumns(PeoplevoxSoapCall.Value(request, "Columns"));
        if (columns.Count == 0)
        {
            columns = [.. table.Value.Header];
        }

        var unknown = columns.FirstOrDefault(c => !table.Value.Header.Contains(c, StringComparer.OrdinalIgnoreCase));
        if (unknown is not null)
        {
            return Error(call, $"Column '{unknown}' does not exist in report '{template}'.");
        }

        return Page(call, table.Value.Header, table.Value.Rows, columns,
            PeoplevoxSoapCall.Value(request, "SearchClause"), PeoplevoxSoapCall.Value(request, "OrderBy"),
            PeoplevoxSoapCall.Int(request, "PageNo"), PeoplevoxSoapCall.Int(request, "ItemsPerPage"));
    }

    private static IResult Page(
        PeoplevoxSoapCall call,
        IReadOnlyList<string> header,
        IReadOnlyList<IReadOnlyDictionary<string, string>> rows,
        IReadOnlyList<string> columns,
        string? searchClause,
        string? orderBy,
        int? pageNo,
        int? itemsPerPage)
    {
        List<IReadOnlyDictionary<string, string>> matched;
        try
        {
            var clause = PeoplevoxSearchClause.Parse(searchClause);
            matched = [.. rows.Where(r => clause.Matches(name => r.TryGetValue(name, out var value) ? value : null))];
        }
        catch (PeoplevoxSearchException ex)
        {
            return Error(call, "Invalid search clause: " + ex.Message);
        }

        if (ParseColumns(orderBy) is [var sortColumn, ..])
        {
            var descending = orderBy!.TrimEnd().EndsWith("DESC", StringComparison.OrdinalIgnoreCase);
            if (!header.Contains(sortColumn, StringComparer.OrdinalIgnoreCase))
            {
                return Error(call, $"Column '{sortColumn}' does not exist.");
            }

            matched.Sort((a, b) => CompareValues(a[sortColumn], b[sortColumn]) * (descending ? -1 : 1));
        }

        var page = Math.Max(1, pageNo ?? 1);
        var size = itemsPerPage is > 0 ? itemsPerPage.Value : int.MaxValue;
        var pageRows = matched.Skip((int)Math.Min(int.MaxValue, (long)(page - 1) * size)).Take(size)
            .Select(r => (IReadOnlyList<string>)[.. columns.Select(c => r[c])]);
        return PeoplevoxSoap.Result(call.Envelope, call.Method, 0, matched.Count, PeoplevoxCsv.Write(columns, pageRows));
    }

    private static IResult GetSaveTemplate(PeoplevoxSoapCall call)
    {
        var template = PeoplevoxTemplates.Normalise(call.Value("templateName"));
        return PeoplevoxTemplates.SaveFields(template) is { } fields
            ? PeoplevoxSoap.Result(call.Envelope, call.Method, 0, 1, PeoplevoxCsv.Write(fields, []))
            : Error(call, $"Template '{template}' does not exist.");
    }

    private IResult SaveData(PeoplevoxSoapCall call)
    {
        var request = call.Element("saveRequest");
        var template = PeoplevoxTemplates.Normalise(PeoplevoxSoapCall.Value(request, "TemplateName"));
        var action = PeoplevoxSoapCall.Int(request, "Action") ?? 0;
        if (PeoplevoxTemplates.SaveFields(template) is not { } fields)
        {
            return Error(call, $"Template '{template}' does not exist.");
        }

        var (header, rows) = PeoplevoxCsv.Read(PeoplevoxSoapCall.Value(request, "CsvData") ?? "");
        if (header.Count == 0)
        {
            return Error(call, "CsvData is empty.");
        }

        var unknown = header.FirstOrDefault(h => !fields.Contains(h, StringComparer.OrdinalIgnoreCase));
        if (unknown is not null)
        {
            return Error(call, $"Column '{unknown}' is not in the '{template}' template.");
        }

        var errors = new List<string>();
        var saved = 0;
        lock (_gate)
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var error = template switch
                {
                    PeoplevoxTemplates.ItemTypes => SaveItemType(rows[i], action),
                    PeoplevoxTemplates.SalesOrders => SaveSalesOrder(rows[i], action),
                    _ => SaveSalesOrderItem(rows[i], action),
                };
                if (error is null)
                {
                    saved++;
                }
                else
                {
                    // Row numbers count the header as row 1, as a spreadsheet would show them.
                    errors.Add($"Row {i + 2}: {error}");
                }
            }
        }

        // Valid rows are saved even when others fail (a partial import is ResponseId -1 with TotalCount > 0).
        return PeoplevoxSoap.Result(call.Envelope, call.Method, errors.Count == 0 ? 0 : -1, saved, string.Join("\n", errors));
    }

    // Caller holds _gate. Returns an error text, or null when saved.
    /// <summary>
    /// Saves a sales order and its lines as SaveData would, for tests and the demo that need a warehouse
    /// order without going through Ledger; throws with Peoplevox's error text when a row is refused.
    /// </summary>
    public void SaveSalesOrder(IReadOnlyDictionary<string, string> order, params IReadOnlyDictionary<string, string>[] lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        lock (_gate)
        {
            var error = SaveSalesOrder(order, 0) ?? lines.Select(l => SaveSalesOrderItem(l, 0)).FirstOrDefault(e => e is not null);
            if (error is not null)
            {
                throw new InvalidOperationException(error);
            }
        }
    }

    private string? SaveItemType(IReadOnlyDictionary<string, string> row, int action)
    {
        var code = row.GetValueOrDefault("ItemCode") ?? "";
        if (code.Length == 0)
        {
            return "ItemCode is required.";
        }

        if (action == 2)
        {
            return _itemTypes.Remove(code) ? null : $"Item code '{code}' does not exist.";
        }

        var fields = new Dictionary<string, string>(
            _itemTypes.GetValueOrDefault(code)?.Fields ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in row.Where(f => f.Value.Length > 0))
        {
            fields[key] = value;
        }

        _itemTypes[code] = new PeoplevoxItemType(fields);
        return null;
    }

    // Caller holds _gate.
    private string? SaveSalesOrder(IReadOnlyDictionary<string, string> row, int action)
    {
        var number = row.GetValueOrDefault("SalesOrderNumber") ?? "";
        if (number.Length == 0)
        {
            return "SalesOrderNumber is required.";
        }

        if (number.Length > MaxSalesOrderNumberLength)
        {
            return $"SalesOrderNumber '{number}' is longer than {MaxSalesOrderNumberLength} characters.";
        }

        var now = Clock.GetUtcNow();
        var existing = _salesOrders.GetValueOrDefault(number);
        var cancel = action == 2 || string.Equals(row.GetValueOrDefault("Status"), "Cancelled", StringComparison.OrdinalIgnoreCase);
        if (cancel)
        {
            if (existing is null)
            {
                return $"Sales order '{number}' does not exist.";
            }

            if (existing.Status == PeoplevoxSalesOrderStatus.Cancelled)
            {
                return null;
            }

            if (existing.Status is not (PeoplevoxSalesOrderStatus.New or PeoplevoxSalesOrderStatus.Picking or PeoplevoxSalesOrderStatus.Packed))
            {
                return $"Sales order '{number}' cannot be cancelled: its status is {existing.Status}.";
            }

            var cancelled = existing with { Status = PeoplevoxSalesOrderStatus.Cancelled, LastModificationTime = now };
            _salesOrders[number] = cancelled;
            RaiseStatusChange(cancelled);
            return null;
        }

        // Status is the warehouse's to set; a saved Status other than Cancelled is ignored.
        var provided = row.Where(f => f.Value.Length > 0 && !string.Equals(f.Key, "Status", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(f => f.Key, f => f.Value, StringComparer.OrdinalIgnoreCase);
        if (existing is null)
        {
            _salesOrders[number] = new PeoplevoxSalesOrder(provided, PeoplevoxSalesOrderStatus.New, [], now, now);
            return null;
        }

        if (provided.All(f => existing.Field(f.Key) == f.Value))
        {
            return null;
        }

        if (existing.Status != PeoplevoxSalesOrderStatus.New)
        {
            return $"Sales order '{number}' cannot be edited: its status is {existing.Status}.";
        }

        var merged = new Dictionary<string, string>(existing.Fields, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in provided)
        {
            merged[key] = value;
        }

        _salesOrders[number] = existing with { Fields = merged, LastModificationTime = now };
        return null;
    }

    // Caller holds _gate.
    private string? SaveSalesOrderItem(IReadOnlyDictionary<string, string> row, int action)
    {
        var number = row.GetValueOrDefault("SalesOrderNumber") ?? "";
        var itemCode = row.GetValueOrDefault("ItemCode") ?? "";
        if (action == 2)
        {
            return "Sales order lines cannot be removed.";
        }

        if (!_salesOrders.TryGetValue(number, out var order))
        {
            return $"Sales order '{number}' does not exist.";
        }

        if (!_itemTypes.ContainsKey(itemCode))
        {
            return $"Item code '{itemCode}' does not exist.";
        }

        if (!int.TryParse(row.GetValueOrDefault("QuantityOrdered"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var quantity)
            || quantity <= 0)
        {
            return $"QuantityOrdered '{row.GetValueOrDefault("QuantityOrdered")}' must be a positive whole number.";
        }

        var lineNumber = int.TryParse(row.GetValueOrDefault("Line"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : (int?)null;
        var lines = order.Lines.ToList();
        var index = lineNumber is { } wanted
            ? lines.FindIndex(l => l.Line == wanted)
            : lines.FindIndex(l => string.Equals(l.ItemCode, itemCode, StringComparison.OrdinalIgnoreCase));
        var extra = row.Where(f => f.Value.Length > 0)
            .ToDictionary(f => f.Key, f => f.Value, StringComparer.OrdinalIgnoreCase);

        if (index >= 0)
        {
            var line = lines[index];
            var unchanged = string.Equals(line.ItemCode, itemCode, StringComparison.OrdinalIgnoreCase)
                && line.QuantityOrdered == quantity
                && extra.All(f => line.Fields.TryGetValue(f.Key, out var v) && v == f.Value);
            if (unchanged)
            {
                return null;
            }

            if (order.Status != PeoplevoxSalesOrderStatus.New)
            {
                return $"Sales order '{number}' cannot be edited: its status is {order.Status}.";
            }

            var fields = new Dictionary<string, string>(line.Fields, StringComparer.OrdinalIgnoreCase);
            foreach (var (key, value) in extra)
            {
                fields[key] = value;
            }

            lines[index] = line with { ItemCode = itemCode, QuantityOrdered = quantity, Fields = fields };
        }
        else
        {
            if (order.Status != PeoplevoxSalesOrderStatus.New)
            {
                return $"Sales order '{number}' cannot be edited: its status is {order.Status}.";
            }

            var line = lineNumber ?? (lines.Count == 0 ? 1 : lines.Max(l => l.Line) + 1);
            extra["Line"] = line.ToString(CultureInfo.InvariantCulture);
            lines.Add(new PeoplevoxSalesOrderLine(line, itemCode, quantity, 0, extra));
        }

        _salesOrders[number] = order with { Lines = lines, LastModificationTime = Clock.GetUtcNow() };
        return null;
    }

    private IResult SubscribeEvent(PeoplevoxSoapCall call, bool isPost)
    {
        var url = call.Value(isPost ? "postUrl" : "callbackUrl") ?? "";
        if (url.Length == 0)
        {
            return Error(call, isPost ? "postUrl is required." : "callbackUrl is required.");
        }

        var encodeText = call.Value("encodeParameterData");
        bool? encode = bool.TryParse(encodeText, out var parsed) ? parsed : null;
        try
        {
            var subscription = Subscribe(new PeoplevoxSubscriptionOptions(
                call.Value("eventType") ?? "",
                url,
                call.Value("filter") ?? "",
                isPost ? call.Value("postParams") ?? "" : null,
                encode));
            return PeoplevoxSoap.Result(call.Envelope, call.Method, 0, 1, subscription.Id.ToString(CultureInfo.InvariantCulture));
        }
        catch (ArgumentException ex)
        {
            return Error(call, ex.Message);
        }
        catch (PeoplevoxSearchException ex)
        {
            return Error(call, "Invalid filter: " + ex.Message);
        }
    }

    private IResult UnsubscribeEvent(PeoplevoxSoapCall call)
    {
        var id = int.TryParse(call.Value("subscriptionId"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : -1;
        return Unsubscribe(id)
            ? PeoplevoxSoap.Result(call.Envelope, call.Method, 0, 1, id.ToString(CultureInfo.InvariantCulture))
            : Error(call, $"Subscription {id} does not exist.");
    }

    // Caller holds _gate.
    private (IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyDictionary<string, string>> Rows)? DataTable(string template)
    {
        switch (template)
        {
            case PeoplevoxTemplates.ItemTypes:
                return Table(PeoplevoxTemplates.ItemTypeFields, _itemTypes.Values.Select(i => i.Fields));
            case PeoplevoxTemplates.SalesOrders:
                return Table(
                    [.. PeoplevoxTemplates.SalesOrderFields, .. PeoplevoxTemplates.SalesOrderReadOnlyFields],
                    _salesOrders.Values.Select(o => new Dictionary<string, string>(o.Fields, StringComparer.OrdinalIgnoreCase)
                    {
                        ["Status"] = o.Status.ToString(),
                        ["LastModificationTime"] = PeoplevoxFormat.Timestamp(o.LastModificationTime),
                    }));
            case PeoplevoxTemplates.SalesOrderItems:
                return Table(
                    [.. PeoplevoxTemplates.SalesOrderItemFields, .. PeoplevoxTemplates.SalesOrderItemReadOnlyFields],
                    _salesOrders.Values.SelectMany(o => o.Lines.Select(l => new Dictionary<string, string>(l.Fields, StringComparer.OrdinalIgnoreCase)
                    {
                        ["SalesOrderNumber"] = o.SalesOrderNumber,
                        ["ItemCode"] = l.ItemCode,
                        ["QuantityOrdered"] = PeoplevoxFormat.Number(l.QuantityOrdered),
                        ["Line"] = PeoplevoxFormat.Number(l.Line),
                        ["QuantityDespatched"] = PeoplevoxFormat.Number(l.QuantityDespatched),
                    })));
            case PeoplevoxTemplates.Despatches:
                return Table(PeoplevoxTemplates.DespatchFields, _despatches.Select(d => new Dictionary<string, string>
                {
                    ["DespatchNumber"] = d.DespatchNumber,
                    ["SalesOrderNumber"] = d.SalesOrderNumber,
                    ["TrackingNumber"] = d.TrackingNumber,
                    ["Carrier"] = d.Carrier,
                    ["ServiceType"] = d.Service,
                    ["DespatchDate"] = PeoplevoxFormat.Timestamp(d.DespatchDate),
                    ["NoOfItems"] = PeoplevoxFormat.Number(d.Lines.Sum(l => l.Quantity)),
                }));
            default:
                return null;
        }
    }

    // Caller holds _gate.
    private (IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyDictionary<string, string>> Rows)? ReportTable(string template)
    {
        switch (template)
        {
            case PeoplevoxTemplates.DespatchSummaryReport:
                // One row per despatched item, as the report lists them.
                return Table(PeoplevoxTemplates.DespatchSummaryColumns, _despatches.SelectMany(d => d.Lines.Select(l =>
                {
                    var order = _salesOrders.GetValueOrDefault(d.SalesOrderNumber);
                    return new Dictionary<string, string>
                    {
                        ["Salesorder number"] = d.SalesOrderNumber,
                        ["Requested delivery date"] = order?.Field("RequestedDeliveryDate") ?? "",
                        ["Despatch number"] = d.DespatchNumber,
                        ["Carrier"] = d.Carrier,
                        ["Service"] = d.Service,
                        ["Despatch date"] = PeoplevoxFormat.ReportDate(d.DespatchDate),
                        ["Tracking number"] = d.TrackingNumber,
                        ["Item code"] = l.ItemCode,
                        ["Item name"] = _itemTypes.GetValueOrDefault(l.ItemCode)?.Name ?? "",
                        ["No of items"] = PeoplevoxFormat.Number(l.Quantity),
                        ["Destination country"] = order?.Field("ShippingAddressCountry") ?? "",
                        ["Site reference"] = "PrimarySite",
                        ["Email"] = order?.Email ?? "",
                        ["Channel name"] = order?.Field("ChannelName") ?? "",
                    };
                })));
            case PeoplevoxTemplates.AvailabilityReport:
                return Table(PeoplevoxTemplates.AvailabilityColumns, _itemTypes.Values.Select(i =>
                {
                    var stock = _availability.GetValueOrDefault(i.ItemCode) ?? new PeoplevoxAvailability(i.ItemCode, 0, 0, 0);
                    return new Dictionary<string, string>
                    {
                        ["Item code"] = i.ItemCode,
                        ["Name"] = i.Name,
                        ["Barcode"] = i.Barcode,
                        ["On hand"] = PeoplevoxFormat.Number(stock.OnHand),
                        ["Allocated"] = PeoplevoxFormat.Number(stock.Allocated),
                        ["On order"] = PeoplevoxFormat.Number(stock.OnOrder),
                        ["Available"] = PeoplevoxFormat.Number(stock.Available),
                    };
                }));
            default:
                return null;
        }
    }

    private static (IReadOnlyList<string>, IReadOnlyList<IReadOnlyDictionary<string, string>>) Table(
        IReadOnlyList<string> header, IEnumerable<IReadOnlyDictionary<string, string>> rows) =>
        (header, [.. rows.Select(r => (IReadOnlyDictionary<string, string>)header.ToDictionary(
            h => h, h => r.TryGetValue(h, out var v) ? v : "", StringComparer.OrdinalIgnoreCase))]);

    /// <summary><c>[Salesorder number],[Despatch number]</c> → the names; bare comma-separated names work too.</summary>
    private static List<string> ParseColumns(string? columns) =>
        string.IsNullOrWhiteSpace(columns)
            ? []
            : [.. columns.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(c => c.EndsWith(" DESC", StringComparison.OrdinalIgnoreCase) ? c[..^5] : c)
                .Select(c => c.EndsWith(" ASC", StringComparison.OrdinalIgnoreCase) ? c[..^4] : c)
                .Select(c => c.Trim().Trim('[', ']').Trim())
                .Where(c => c.Length > 0)];

    private static int CompareValues(string a, string b)
    {
        if (decimal.TryParse(a, NumberStyles.Number, CultureInfo.InvariantCulture, out var x)
            && decimal.TryParse(b, NumberStyles.Number, CultureInfo.InvariantCulture, out var y))
        {
            return x.CompareTo(y);
        }

        return PeoplevoxSearchClause.TryParseDate(a, out var da) && PeoplevoxSearchClause.TryParseDate(b, out var db)
            ? da.CompareTo(db)
            : string.Compare(a, b, StringComparison.OrdinalIgnoreCase);
    }

    private static IResult Error(PeoplevoxSoapCall call, string message) =>
        PeoplevoxSoap.Result(call.Envelope, call.Method, -1, 0, message);

    private static async Task<string> ReadBodyAsync(HttpRequest request)
    {
        request.EnableBuffering();
        request.Body.Position = 0;
        using var reader = new StreamReader(request.Body, Encoding.UTF8, leaveOpen: true);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return text;
    }
}
