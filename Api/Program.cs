using Ledger.Api;

var builder = WebApplication.CreateBuilder(args);
await using var database = await LedgerDatabase.ResolveAsync(builder.Configuration, builder.Environment);
builder.AddLedger(database.ConnectionString);

var app = builder.Build();
app.UseLedger();
app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation("Ledger is listening on {Urls}: health at /health, OpenAPI at /openapi/v1.json, reference at /scalar", string.Join(", ", app.Urls)));
await app.RunAsync();

/// <summary>The entry point, visible to the API tests' WebApplicationFactory.</summary>
public partial class Program;
