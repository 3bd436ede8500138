using Ledger.Application.Abstractions.EventStore;
using Ledger.Projections.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ledger.Projections;

public static class DependencyInjection
{
    /// <summary>Registers a projection and the hosted runner that keeps it up to date.</summary>
    public static IServiceCollection AddProjection<TProjection>(this IServiceCollection services, ProjectionRunnerOptions? options = null)
        where TProjection : class, IProjection
    {
        services.AddSingleton<TProjection>();
        services.AddSingleton(sp => new ProjectionRunner(
            sp.GetRequiredService<TProjection>(),
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<IEventStore>(),
            sp.GetRequiredService<IAppendNotifications>(),
            options ?? new ProjectionRunnerOptions(),
            sp.GetRequiredService<ILogger<ProjectionRunner>>()));
        services.AddSingleton<IHostedService>(sp => sp.GetServices<ProjectionRunner>().Single(r => r.Name == sp.GetRequiredService<TProjection>().Name));
        services.TryAddSingleton<ProjectionStatusReader>();
        return services;
    }
}
