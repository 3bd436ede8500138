namespace Ledger.Infrastructure.Postgres;

/// <summary>Where <see cref="EmbeddedPostgres"/> keeps its private cluster, which binaries it uses and how it runs them.</summary>
public sealed record EmbeddedPostgresOptions
{
    /// <summary>
    /// The cluster's folder; created with initdb on first start. Keep it in a git-ignored folder of the
    /// project (for example <c>.ledger/postgres</c>): it holds the whole database.
    /// </summary>
    public required string DataDirectory { get; init; }

    /// <summary>The TCP port on 127.0.0.1; null picks a free one on every start.</summary>
    public int? Port { get; init; }

    /// <summary>
    /// The folder holding <c>postgres</c>, <c>initdb</c> and <c>pg_ctl</c>; null discovers it from
    /// <c>pg_config --bindir</c>, then the highest <c>/usr/lib/postgresql/*/bin</c>, then PATH.
    /// </summary>
    public string? BinDirectory { get; init; }

    /// <summary>When no binaries are found, install <c>postgresql-15</c> with apt-get (only as root, only where apt-get exists).</summary>
    public bool InstallIfMissing { get; init; } = true;

    /// <summary>Extra server settings, passed as <c>-c name=value</c>; they override the built-in defaults of the same name.</summary>
    public IReadOnlyDictionary<string, string> ServerSettings { get; init; } = new Dictionary<string, string>();

    /// <summary>How long the server may take to accept connections before start-up counts as failed.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
