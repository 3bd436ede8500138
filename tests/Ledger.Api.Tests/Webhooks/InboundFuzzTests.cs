using System.Net;
using System.Text;
using System.Text.Json;
using Ledger.Application.Abstractions.EventStore;
using Ledger.Testing;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace Ledger.Api.Tests.Webhooks;

/// <summary>
/// Thousands of mutated bodies and signatures at every inbound endpoint. Whatever arrives, the answer is
/// 200, 400 or 401, never 500; and the log grows by exactly the number of deliveries answered "recorded".
/// </summary>
[Trait("Category", "Integration")]
public sealed class InboundFuzzTests(LedgerApp app, ITestOutputHelper output) : IClassFixture<LedgerApp>
{
    private const int PerEndpoint = 500;

    private static readonly HttpStatusCode[] Allowed = [HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized];

    private IEventStore Store => app.Services.GetRequiredService<IEventStore>();

    [Fact]
    public async Task GivenMutatedDeliveriesAtEveryEndpoint_ThenNeverA500AndOnlyRecordedOnesAreAppended()
    {
        var random = new Random(20261123);
        using var client = app.CreateClient();
        var before = await CountEvents();
        var answers = new Dictionary<string, Dictionary<HttpStatusCode, int>>();
        var recorded = 0;

        foreach (var (name, build) in Endpoints())
        {
            answers[name] = [];
            for (var i = 0; i < PerEndpoint; i++)
            {
                using var request = build(random);
                var sent = request.Content is null ? request.RequestUri!.ToString() : await request.Content.ReadAsStringAsync();
                using var response = await client.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                Allowed.ShouldContain(response.StatusCode, $"{name} answered {(int)response.StatusCode} to {sent[..Math.Min(sent.Length, 600)]}: {text}");
                answers[name][response.StatusCode] = answers[name].GetValueOrDefault(response.StatusCode) + 1;
                if (response.StatusCode == HttpStatusCode.OK && text.Contains("\"recorded\"", StringComparison.Ordinal))
                {
                    recorded++;
                }

                if (response.StatusCode != HttpStatusCode.OK)
                {
                    response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
                }
            }
        }

        foreach (var (name, counts) in answers)
        {
            output.WriteLine($"{name}: {string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{(int)c.Key}×{c.Value}"))}");
            counts.Keys.Count.ShouldBeGreaterThan(1, $"{name}'s mutations should produce more than one kind of answer");
        }

        // $all shows a commit once every transaction that started before it has ended (other test classes
        // share the cluster), so wait for the count to catch up, then check it is not larger.
        await Probe.UntilAsync(async () => await CountEvents() >= before + recorded, because: "every recorded delivery to be readable");
        (await CountEvents()).ShouldBe(before + recorded);
    }

    private async Task<long> CountEvents()
    {
        var count = 0L;
        await foreach (var _ in Store.ReadAllAsync(Position.Start))
        {
            count++;
        }

        return count;
    }

    private static IEnumerable<(string Name, Func<Random, HttpRequestMessage> Build)> Endpoints()
    {
        yield return ("shopify", r =>
        {
            var body = Mutate(r, SignedRequests.ShopifyOrder(r.NextInt64(1, 1_000_000)));
            var topic = r.Next(10) == 0 ? "orders/teleported" : Pick(r, "orders/create", "orders/paid", "orders/updated", "orders/cancelled", "orders/edited", "fulfillments/create", "inventory_levels/update");
            return SignedRequests.Shopify(topic, body, webhookId: r.Next(4) == 0 ? "fixed-id" : null, signature: Signature(r, body, SignedRequests.ShopifySecret));
        });
        yield return ("woocommerce", r =>
        {
            var body = r.Next(20) == 0 ? Encoding.UTF8.GetBytes("webhook_id=" + r.Next(100)) : Mutate(r, SignedRequests.WooCommerceOrder(r.NextInt64(1, 1_000_000)));
            return SignedRequests.WooCommerce(Pick(r, "order.created", "order.updated", "order.deleted", "product.updated", "coupon.created"), body, signature: Signature(r, body, SignedRequests.WooCommerceSecret));
        });
        yield return ("peoplevox", r =>
        {
            var query = new Dictionary<string, string>
            {
                ["token"] = r.Next(5) == 0 ? "guess" : SignedRequests.PeoplevoxToken,
                ["SalesOrderNumber"] = MutateText(r, "SO" + r.Next(1000)),
                ["Status"] = MutateText(r, Pick(r, "New", "Picking", "Despatched")),
                ["ItemCode"] = MutateText(r, "ITEM-" + r.Next(50)),
                ["Available"] = MutateText(r, r.Next(-5, 100).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ["LastModificationTime"] = MutateText(r, "2026-11-20T10:00:00Z"),
                ["DespatchNumber"] = MutateText(r, "D" + r.Next(100)),
                ["TrackingNumber"] = MutateText(r, "T" + r.Next(100)),
            };
            foreach (var key in query.Keys.Where(_ => r.Next(6) == 0).ToList())
            {
                query.Remove(key);
            }

            var eventType = Pick(r, "SalesOrderStatusChanges", "AvailabilityChanges", "TrackingNumberReceived", "GoodsReceived", "Returns", "Bogus");
            var url = $"/webhooks/peoplevox/{eventType}?" + string.Join('&', query.Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value)}"));
            return new HttpRequestMessage(r.Next(2) == 0 ? HttpMethod.Get : HttpMethod.Post, url);
        });
        yield return ("inpost", r =>
        {
            var body = Mutate(r, SignedRequests.InPostEvent(r.Next(1, 100_000).ToString(System.Globalization.CultureInfo.InvariantCulture), Pick(r, "shipment_confirmed", "shipment_status_changed", "offers_prepared", "x")));
            return SignedRequests.InPost(body, r.Next(5) == 0 ? "guess" : SignedRequests.InPostToken);
        });
        yield return ("acs-stock", r =>
        {
            var csv = "TagId,Sku,LocationStatus,LastUpdated\n" + string.Join('\n', Enumerable.Range(0, r.Next(1, 8))
                .Select(i => $"RFID-{r.Next(1_000_000)},SKU-{i},In-Refurbishment,2026-11-20T06:00:00Z"));
            return SignedRequests.Acs("/imports/acs/stock", Mutate(r, Encoding.UTF8.GetBytes(csv)), "text/csv", r.Next(6) == 0 ? "guess" : SignedRequests.AcsKey);
        });
        yield return ("acs-messages", r =>
        {
            var json = $$"""{"messageId":"m{{r.Next(300)}}","orderNumber":"A{{r.Next(100)}}","status":"{{Pick(r, "Despatched", "Picking", "Lost")}}","lines":[{"sku":"S","quantity":1}],"occurredAt":"2026-11-20T12:00:00Z"}""";
            return SignedRequests.Acs($"/webhooks/acs/{Pick(r, "orderstatus", "returns", "other")}", Mutate(r, Encoding.UTF8.GetBytes(json)), "application/json", r.Next(6) == 0 ? "guess" : SignedRequests.AcsKey);
        });
    }

    private static string Pick(Random r, params string[] options) => options[r.Next(options.Length)];

    /// <summary>Signed correctly for the mutated body half the time; otherwise forged, stale or missing.</summary>
    private static string Signature(Random r, byte[] body, string secret) => r.Next(8) switch
    {
        < 4 => SignedRequests.Base64HmacSha256(body, secret),
        4 => SignedRequests.Base64HmacSha256(body, secret + "x"),
        5 => Convert.ToBase64String(Enumerable.Range(0, r.Next(0, 40)).Select(_ => (byte)r.Next(256)).ToArray()),
        6 => "%%% not base64 %%%",
        _ => string.Empty,
    };

    private static byte[] Mutate(Random r, byte[] valid)
    {
        var bytes = valid.ToList();
        switch (r.Next(9))
        {
            case 0:
                return valid;
            case 1:
                for (var i = r.Next(1, 4); i > 0 && bytes.Count > 0; i--)
                {
                    bytes[r.Next(bytes.Count)] = (byte)r.Next(256);
                }

                return [.. bytes];
            case 2:
                return [.. bytes.Take(r.Next(bytes.Count))];
            case 3:
                bytes.InsertRange(r.Next(bytes.Count), Encoding.UTF8.GetBytes(Pick(r, "{", "}", "\"", ",", "[", "null", "-1", "\u0000", "ü", "\"\\ud800\"")));
                return [.. bytes];
            case 4:
                return Encoding.UTF8.GetBytes(Pick(r, "", "null", "[]", "{}", "\"text\"", "42", "{\"id\":null}", "{\"id\":1e400}", new string('[', 200)));
            default:
                return SwapAValue(r, valid);
        }
    }

    /// <summary>Replaces one JSON value with one of another kind, keeping the document well-formed.</summary>
    private static byte[] SwapAValue(Random r, byte[] valid)
    {
        try
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(valid);
            if (node is not System.Text.Json.Nodes.JsonObject root)
            {
                return valid;
            }

            var target = root;
            var keys = target.Select(kv => kv.Key).ToList();
            var key = keys[r.Next(keys.Count)];
            if (target[key] is System.Text.Json.Nodes.JsonObject inner && inner.Count > 0 && r.Next(2) == 0)
            {
                target = inner;
                key = inner.Select(kv => kv.Key).ElementAt(r.Next(inner.Count));
            }

            target[key] = r.Next(6) switch
            {
                0 => null,
                1 => "text",
                2 => -7,
                3 => new System.Text.Json.Nodes.JsonArray(1, 2),
                4 => new System.Text.Json.Nodes.JsonObject { ["x"] = 1 },
                _ => 9_999_999_999_999_999.5m,
            };
            return Encoding.UTF8.GetBytes(root.ToJsonString());
        }
        catch (JsonException)
        {
            return valid;
        }
    }

    private static string MutateText(Random r, string valid) => r.Next(8) switch
    {
        0 => string.Empty,
        1 => "{" + valid + "}",
        2 => valid + "\u0000",
        3 => new string('9', r.Next(1, 40)),
        _ => valid,
    };
}
