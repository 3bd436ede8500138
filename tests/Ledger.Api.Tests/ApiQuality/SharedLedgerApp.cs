using Xunit;

namespace Ledger.Api.Tests.ApiQuality;

/// <summary>
/// One Ledger for the API-quality classes: none of them depends on the log's contents, and every host
/// and database less is less load on the run's shared cluster.
/// </summary>
[CollectionDefinition(nameof(SharedLedgerApp))]
public sealed class SharedLedgerApp : ICollectionFixture<LedgerApp>;
