using System.Reflection;
using Shouldly;
using Xunit;

namespace Ledger.Architecture.Tests;

/// <summary>Dependencies point inwards only: Domain ← Application ← Infrastructure and Projections ← Api.</summary>
public sealed class LayerDependencyTests
{
    private static readonly Assembly Domain = typeof(Ledger.Domain.Shared.DeterministicGuid).Assembly;
    private static readonly Assembly Application = typeof(Ledger.Application.Abstractions.EventStore.IEventStore).Assembly;
    private static readonly Assembly Infrastructure = typeof(Ledger.Infrastructure.DependencyInjection).Assembly;
    private static readonly Assembly Projections = typeof(Ledger.Projections.DependencyInjection).Assembly;

    private static IEnumerable<string> LedgerReferences(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("Ledger.", StringComparison.Ordinal));

    private static IEnumerable<string> AllReferences(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name!);

    [Fact]
    public void Domain_DependsOnNothingButTheFramework()
    {
        LedgerReferences(Domain).ShouldBeEmpty();
        AllReferences(Domain).ShouldAllBe(n => n.StartsWith("System", StringComparison.Ordinal) || n == "netstandard" || n == "mscorlib");
    }

    [Fact]
    public void Application_DependsOnlyOnDomain_AndDoesNoDatabaseIo()
    {
        LedgerReferences(Application).ShouldBeSubsetOf(["Ledger.Domain"]);
        AllReferences(Application).ShouldNotContain("Npgsql");
    }

    [Fact]
    public void Infrastructure_DependsOnApplicationAndDomainOnly()
    {
        LedgerReferences(Infrastructure).ShouldBeSubsetOf(["Ledger.Application", "Ledger.Domain"]);
    }

    [Fact]
    public void Projections_DependOnApplicationAndDomainOnly()
    {
        LedgerReferences(Projections).ShouldBeSubsetOf(["Ledger.Application", "Ledger.Domain"]);
    }
}
