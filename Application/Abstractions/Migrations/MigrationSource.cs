using System.Reflection;

namespace Ledger.Application.Abstractions.Migrations;

/// <summary>
/// A module's versioned SQL scripts, embedded in its assembly as resources named
/// <c>NNNN_description.sql</c> (any folder). Versions are per module, so each project keeps its own
/// schema beside its code.
/// </summary>
public sealed record MigrationSource(string Module, Assembly Assembly)
{
    public IReadOnlyList<Migration> Load()
    {
        var migrations = new List<Migration>();
        foreach (var resource in Assembly.GetManifestResourceNames().Where(r => r.EndsWith(".sql", StringComparison.Ordinal)))
        {
            // Resource names look like Ledger.Infrastructure.EventStore.Sql.0001_event_store.sql.
            var withoutExtension = resource[..^".sql".Length];
            var fileName = withoutExtension[(withoutExtension.LastIndexOf('.') + 1)..];
            var underscore = fileName.IndexOf('_', StringComparison.Ordinal);
            if (underscore <= 0 || !int.TryParse(fileName[..underscore], System.Globalization.CultureInfo.InvariantCulture, out var version))
            {
                continue;
            }

            using var stream = Assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"Resource {resource} vanished.");
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(Module, version, fileName[(underscore + 1)..], reader.ReadToEnd()));
        }

        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Module '{Module}' has two migrations numbered {duplicate.Key}.");
        }

        return migrations.OrderBy(m => m.Version).ToList();
    }
}

public sealed record Migration(string Module, int Version, string Name, string Sql)
{
    public string Checksum { get; } = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Sql)));
}
