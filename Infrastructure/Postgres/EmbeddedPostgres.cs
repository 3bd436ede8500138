using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Ledger.Infrastructure.Postgres;

/// <summary>
/// A private PostgreSQL cluster run as a child of this process, so Ledger works on a machine that has the
/// PostgreSQL binaries but no configured server. The server listens on 127.0.0.1 only, trusts every local
/// connection as the <c>postgres</c> superuser and stops when this process ends, however it ends.
/// </summary>
public sealed partial class EmbeddedPostgres : IAsyncDisposable
{
    private const string ServiceUser = "postgres";
    private const string LogFileName = "server.log";
    private const long LogRotateBytes = 10 * 1024 * 1024;
    private const int LogTailLines = 40;
    private const int PortAttempts = 3;

    // Runs postgres in the background and waits for it, so the wrapper's exit status is the server's.
    // Tying the server's life to ours: our end of the wrapper's stdin pipe is the only writer, and the
    // kernel closes it when this process exits, even on SIGKILL; the watcher then reads end-of-file and
    // asks for a fast shutdown. Unlike PR_SET_PDEATHSIG (which fires when the forking *thread* exits) or
    // polling our pid (which can be reused), this cannot fire early or miss. The watcher gets the pipe as
    // fd 3 because bash gives background jobs /dev/null as stdin. Paths come in as arguments, never
    // spliced into the script, so they need no quoting.
    private const string WrapperScript = """
        log=$1
        shift
        exec 3<&0 </dev/null >>"$log" 2>&1
        "$@" &
        pg=$!
        ( while read -r _; do :; done <&3; kill -INT "$pg" 2>/dev/null ) &
        watcher=$!
        wait "$pg"
        status=$?
        kill "$watcher" 2>/dev/null
        exit "$status"
        """;

    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(100);
    private static readonly string[] ServerBinaries = ["postgres", "initdb", "pg_ctl"];

    // An unreachable instance would let the finalizer close our end of the wrapper's stdin pipe, which
    // stops the server; holding running instances here leaves that to StopAsync or the end of the process.
    private static readonly ConcurrentDictionary<EmbeddedPostgres, byte> Running = new();

    private readonly Tools _tools;
    private readonly string _dataDirectory;
    private readonly Process _server;
    private readonly ILogger _logger;
    private readonly Lock _stopGate = new();
    private Task? _stopping;

    private EmbeddedPostgres(Tools tools, string dataDirectory, Process server, int port, ILogger logger)
    {
        _tools = tools;
        _dataDirectory = dataDirectory;
        _server = server;
        _logger = logger;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Finds (or installs) the binaries, creates the cluster if needed and starts the server; returns once it accepts connections.</summary>
    public static async Task<EmbeddedPostgres> StartAsync(EmbeddedPostgresOptions options, ILogger? logger = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataDirectory);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The embedded PostgreSQL server needs a Unix-like OS; configure a connection string to a PostgreSQL server instead.");
        }

        logger ??= NullLogger.Instance;
        var dataDirectory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.DataDirectory));
        var isRoot = IsRoot();

        var binDirectory = await ResolveBinDirectoryAsync(options, isRoot, logger, ct);
        LogUsingBinaries(logger, binDirectory);

        // PostgreSQL refuses to run as root, so as root every server-side binary runs as the postgres user.
        var tools = new Tools(binDirectory, isRoot ? RunAsServiceUserPrefix() : []);
        await PrepareDataDirectoryAsync(tools, dataDirectory, isRoot, logger, ct);

        for (var attempt = 1; ; attempt++)
        {
            var port = options.Port ?? PickFreePort();
            try
            {
                var server = await LaunchAsync(tools, dataDirectory, port, options, ct);
                var instance = new EmbeddedPostgres(tools, dataDirectory, server, port, logger);
                Running[instance] = 0;
                LogStarted(logger, port, dataDirectory);
                return instance;
            }
            catch (PortTakenException) when (options.Port is null && attempt < PortAttempts)
            {
                // Someone took the port between our probe and the server's bind; any other port will do.
                LogPortTaken(logger, port);
            }
        }
    }

    public string ConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = ServiceUser,
        Database = database,
    }.ConnectionString;

    /// <summary>Creates the database unless it exists; safe to call concurrently.</summary>
    public async Task CreateDatabaseAsync(string name, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);

        await using var connection = new NpgsqlConnection(AdminConnectionString(Port, connectTimeoutSeconds: 15));
        await connection.OpenAsync(ct);
        await using (var exists = new NpgsqlCommand("select exists (select 1 from pg_database where datname = @name)", connection))
        {
            exists.Parameters.AddWithValue("name", name);
            if (await exists.ExecuteScalarAsync(ct) is true)
            {
                return;
            }
        }

        // CREATE DATABASE takes no parameters and has no IF NOT EXISTS, hence the quoted identifier and
        // tolerating a concurrent creator.
        await using var create = new NpgsqlCommand("create database " + QuoteIdentifier(name), connection);
        try
        {
            await create.ExecuteNonQueryAsync(ct);
            LogCreatedDatabase(_logger, name);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
        }
    }

    /// <summary>Fast shutdown (open transactions roll back), waiting until the server has exited; later calls return the same task.</summary>
    public Task StopAsync()
    {
        lock (_stopGate)
        {
            return _stopping ??= StopCoreAsync();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task StopCoreAsync()
    {
        try
        {
            if (!_server.HasExited)
            {
                var result = await _tools.RunAsync(_tools.Binary("pg_ctl"), ["stop", "-D", _dataDirectory, "-m", "fast", "-w"], CancellationToken.None);
                if (result.ExitCode != 0)
                {
                    // Closing the pipe makes the wrapper ask for the same fast shutdown.
                    LogStopFailed(_logger, result.ExitCode, result.Output.Trim());
                    _server.StandardInput.Close();
                }
            }

            await WaitOrKillAsync(_server, StopTimeout);
            LogStopped(_logger, Port);
        }
        finally
        {
            _server.Dispose();
            Running.TryRemove(this, out _);
        }
    }

    private static async Task<Process> LaunchAsync(Tools tools, string dataDirectory, int port, EmbeddedPostgresOptions options, CancellationToken ct)
    {
        var logPath = Path.Combine(dataDirectory, LogFileName);
        RotateLog(logPath);
        var logOffset = File.Exists(logPath) ? new FileInfo(logPath).Length : 0;

        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["listen_addresses"] = "127.0.0.1",
            // No Unix socket: its default folder (/var/run/postgresql) may be missing or shared with a system server.
            ["unix_socket_directories"] = "",
            ["max_connections"] = "300",
        };
        foreach (var (name, value) in options.ServerSettings)
        {
            settings[name] = value;
        }

        List<string> arguments = ["-c", WrapperScript, "ledger-postgres", logPath, tools.Binary("postgres"), "-D", dataDirectory, "-p", port.ToString(CultureInfo.InvariantCulture)];
        foreach (var (name, value) in settings)
        {
            arguments.Add("-c");
            arguments.Add($"{name}={value}");
        }

        var startInfo = tools.StartInfo("bash", arguments);
        startInfo.RedirectStandardInput = true;
        // The wrapper sends everything to server.log at once; this only catches a failure before that (e.g. of setpriv).
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        var server = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start the PostgreSQL wrapper process.");
        var wrapperOutput = Task.WhenAll(server.StandardOutput.ReadToEndAsync(CancellationToken.None), server.StandardError.ReadToEndAsync(CancellationToken.None));
        try
        {
            // A short timeout: whatever accepts but never answers (say, another program that won the
            // port) must not stall the loop that notices our server has exited.
            var connectionString = AdminConnectionString(port, connectTimeoutSeconds: 2);
            var clock = Stopwatch.StartNew();
            while (!await AnswersAsync(connectionString, dataDirectory, ct))
            {
                if (server.HasExited)
                {
                    var newLog = ReadFrom(logPath, logOffset);
                    if (newLog.Contains("could not create any TCP/IP sockets", StringComparison.Ordinal) || newLog.Contains("Address already in use", StringComparison.Ordinal))
                    {
                        throw new PortTakenException($"PostgreSQL could not listen on 127.0.0.1:{port}: the port is in use.\nLast lines of {logPath}:\n{ReadTail(logPath, logOffset)}");
                    }

                    var output = string.Concat(await wrapperOutput).Trim();
                    throw new InvalidOperationException(
                        $"PostgreSQL exited with code {server.ExitCode} during start-up (data directory {dataDirectory}, port {port}).{(output.Length > 0 ? "\n" + output : "")}\nLast lines of {logPath}:\n{ReadTail(logPath, logOffset)}");
                }

                if (clock.Elapsed > options.StartTimeout)
                {
                    throw new TimeoutException(
                        $"PostgreSQL did not accept connections on port {port} within {options.StartTimeout.TotalSeconds:0} s.\nLast lines of {logPath}:\n{ReadTail(logPath, logOffset)}");
                }

                await Task.Delay(ProbeInterval, ct);
            }

            return server;
        }
        catch
        {
            await ShutDownFailedStartAsync(server);
            throw;
        }
    }

    // A connection alone is not proof: when two starts race for a port, the loser's probe may reach the
    // winner's server before its own fails to bind. The data directory tells the two apart.
    private static async Task<bool> AnswersAsync(string connectionString, string dataDirectory, CancellationToken ct)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("select current_setting('data_directory')", connection);
            return await command.ExecuteScalarAsync(ct) is string served
                && string.Equals(Path.TrimEndingDirectorySeparator(served), dataDirectory, StringComparison.Ordinal);
        }
        catch (NpgsqlException) when (!ct.IsCancellationRequested)
        {
            // Not listening yet, or "the database system is starting up".
            return false;
        }
    }

    private static async Task ShutDownFailedStartAsync(Process server)
    {
        try
        {
            if (!server.HasExited)
            {
                server.StandardInput.Close();
                await WaitOrKillAsync(server, StopTimeout);
            }
        }
        finally
        {
            server.Dispose();
        }
    }

    private static async Task WaitOrKillAsync(Process process, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    [UnsupportedOSPlatform("windows")]
    private static async Task PrepareDataDirectoryAsync(Tools tools, string dataDirectory, bool isRoot, ILogger logger, CancellationToken ct)
    {
        Directory.CreateDirectory(dataDirectory);
        if (isRoot)
        {
            // Everything in the folder must belong to the server's user, including what was copied or
            // restored into it as root.
            await RunCheckedAsync(Tools.Direct, "chown", ["-R", $"{ServiceUser}:{ServiceUser}", dataDirectory], ct);
            var access = await tools.RunAsync("test", ["-r", dataDirectory, "-a", "-w", dataDirectory, "-a", "-x", dataDirectory], ct);
            if (access.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"The {ServiceUser} user cannot reach {dataDirectory}; make its parent folders traversable (chmod o+x) or put the data directory elsewhere.");
            }
        }

        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            await InitializeClusterAsync(tools, dataDirectory, logger, ct);
            return;
        }

        // The server insists on 0700 or 0750; a copied or restored folder often has neither.
        const UnixFileMode tooOpen = UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        if ((File.GetUnixFileMode(dataDirectory) & tooOpen) != 0)
        {
            File.SetUnixFileMode(dataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        await StopLeftoverServerAsync(tools, dataDirectory, logger, ct);
    }

    private static async Task InitializeClusterAsync(Tools tools, string dataDirectory, ILogger logger, CancellationToken ct)
    {
        LogInitializing(logger, dataDirectory);
        string[] common = ["-D", dataDirectory, "-U", ServiceUser, "--auth=trust", "-E", "UTF8"];
        var result = await tools.RunAsync(tools.Binary("initdb"), [.. common, "--locale=C.UTF-8"], ct);
        if (result.ExitCode != 0 && result.Output.Contains("locale", StringComparison.OrdinalIgnoreCase))
        {
            // Older or minimal systems lack C.UTF-8; the plain C locale sorts the same, only without Unicode case mapping.
            LogNoUtf8Locale(logger);
            result = await tools.RunAsync(tools.Binary("initdb"), [.. common, "--no-locale"], ct);
        }

        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"initdb failed with exit code {result.ExitCode}:\n{result.Output.Trim()}");
        }
    }

    // A Ledger that crashed moments ago may have left its server still shutting down. A stale pid file is
    // removed because its pid may since belong to an unrelated process, which makes the server refuse to start.
    private static async Task StopLeftoverServerAsync(Tools tools, string dataDirectory, ILogger logger, CancellationToken ct)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return;
        }

        var firstLine = File.ReadLines(pidFile).FirstOrDefault();
        if (int.TryParse(firstLine, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && IsPostgresProcess(pid))
        {
            LogStoppingLeftover(logger, pid, dataDirectory);
            await RunCheckedAsync(tools, tools.Binary("pg_ctl"), ["stop", "-D", dataDirectory, "-m", "fast", "-w"], ct);
        }
        else
        {
            LogRemovingStalePidFile(logger, pidFile);
            File.Delete(pidFile);
        }
    }

    private static bool IsPostgresProcess(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.ProcessName == "postgres";
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            // Exited between the lookup and reading its name.
            return false;
        }
    }

    private static async Task<string> ResolveBinDirectoryAsync(EmbeddedPostgresOptions options, bool isRoot, ILogger logger, CancellationToken ct)
    {
        if (options.BinDirectory is { } configured)
        {
            var full = Path.GetFullPath(configured);
            return HasServerBinaries(full)
                ? full
                : throw new InvalidOperationException($"The configured PostgreSQL bin directory {full} does not contain postgres, initdb and pg_ctl.");
        }

        if (await DiscoverBinDirectoryAsync(ct) is { } discovered)
        {
            return discovered;
        }

        if (options.InstallIfMissing && isRoot && FindExecutable("apt-get") is { } aptGet)
        {
            LogInstalling(logger);
            await RunCheckedAsync(Tools.Direct, aptGet, ["update"], ct);
            await RunCheckedAsync(Tools.Direct, aptGet, ["install", "-y", "--no-install-recommends", "postgresql-15"], ct);
            if (await DiscoverBinDirectoryAsync(ct) is { } installed)
            {
                return installed;
            }
        }

        throw new InvalidOperationException(
            "No PostgreSQL server binaries (postgres, initdb, pg_ctl) were found via pg_config, /usr/lib/postgresql/*/bin or PATH. "
            + "Install them (for example `sudo apt-get install postgresql-15`), set the embedded server's BinDirectory, "
            + "or configure a connection string to an existing PostgreSQL server instead.");
    }

    private static async Task<string?> DiscoverBinDirectoryAsync(CancellationToken ct)
    {
        // pg_config may come with a client-only package (libpq-dev) and name a folder the server was never
        // installed into, so every candidate is checked for the server binaries.
        if (FindExecutable("pg_config") is { } pgConfig)
        {
            var result = await Tools.Direct.RunAsync(pgConfig, ["--bindir"], ct);
            var bin = result.Output.Trim();
            if (result.ExitCode == 0 && HasServerBinaries(bin))
            {
                return bin;
            }
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var newest = Directory.EnumerateDirectories(debianRoot)
                .Select(dir => (Dir: dir, Version: decimal.TryParse(Path.GetFileName(dir), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Where(x => x.Version >= 0 && HasServerBinaries(Path.Combine(x.Dir, "bin")))
                .OrderByDescending(x => x.Version)
                .Select(x => Path.Combine(x.Dir, "bin"))
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        return SearchPath().FirstOrDefault(HasServerBinaries);
    }

    private static bool HasServerBinaries(string directory) =>
        directory.Length > 0 && ServerBinaries.All(name => File.Exists(Path.Combine(directory, name)));

    private static string[] RunAsServiceUserPrefix()
    {
        // setpriv execs the command directly; runuser stays in between, which is fine but less tidy.
        if (FindExecutable("setpriv") is { } setpriv)
        {
            return [setpriv, $"--reuid={ServiceUser}", $"--regid={ServiceUser}", "--init-groups", "--"];
        }

        if (FindExecutable("runuser") is { } runuser)
        {
            return [runuser, "-u", ServiceUser, "--"];
        }

        throw new InvalidOperationException(
            $"Running as root, but neither setpriv nor runuser is available to run PostgreSQL as the {ServiceUser} user (it refuses to run as root).");
    }

    // The sbin folders are often missing from PATH in containers and services, yet hold runuser and friends.
    private static IEnumerable<string> SearchPath() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"])
            .Distinct(StringComparer.Ordinal);

    private static string? FindExecutable(string name) =>
        SearchPath().Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    private static bool IsRoot()
    {
        if (Environment.UserName == "root")
        {
            return true;
        }

        // The user name needs a passwd entry; the effective uid (second "Uid:" field) does not.
        const string status = "/proc/self/status";
        var uidLine = File.Exists(status) ? File.ReadLines(status).FirstOrDefault(line => line.StartsWith("Uid:", StringComparison.Ordinal)) : null;
        var fields = uidLine?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return fields is { Length: > 2 } && fields[2] == "0";
    }

    private static int PickFreePort()
    {
        // The OS hands out a port nobody listens on; it can be taken again before postgres binds it,
        // which StartAsync handles by retrying.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // Pooling off: these are one-off admin connections, and pooled idle ones would outlive their use.
    private static string AdminConnectionString(int port, int connectTimeoutSeconds) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = port,
        Username = ServiceUser,
        Database = "postgres",
        Pooling = false,
        Timeout = connectTimeoutSeconds,
    }.ConnectionString;

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    // The log grows by every start's output; keep one previous generation so it stays bounded.
    private static void RotateLog(string logPath)
    {
        if (File.Exists(logPath) && new FileInfo(logPath).Length > LogRotateBytes)
        {
            File.Move(logPath, logPath + ".1", overwrite: true);
        }
    }

    private static string ReadFrom(string path, long offset)
    {
        if (!File.Exists(path))
        {
            return "";
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    // Only this start's part of the log: earlier runs' lines would mislead.
    private static string ReadTail(string path, long startOffset)
    {
        const long window = 64 * 1024;
        var length = File.Exists(path) ? new FileInfo(path).Length : 0;
        var lines = ReadFrom(path, Math.Max(startOffset, length - window)).Split('\n');
        var tail = string.Join('\n', lines.TakeLast(LogTailLines + 1)).Trim();
        return tail.Length > 0 ? tail : "(empty)";
    }

    private static async Task RunCheckedAsync(Tools tools, string fileName, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var result = await tools.RunAsync(fileName, arguments, ct);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(fileName)} {string.Join(' ', arguments)} failed with exit code {result.ExitCode}:\n{result.Output.Trim()}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Using PostgreSQL binaries in {BinDirectory}")]
    private static partial void LogUsingBinaries(ILogger logger, string binDirectory);

    [LoggerMessage(Level = LogLevel.Information, Message = "No PostgreSQL server binaries found; installing postgresql-15 with apt-get, which can take a minute or two")]
    private static partial void LogInstalling(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Creating PostgreSQL cluster in {DataDirectory}")]
    private static partial void LogInitializing(ILogger logger, string dataDirectory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Locale C.UTF-8 is unavailable; creating the cluster with the C locale")]
    private static partial void LogNoUtf8Locale(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "A PostgreSQL server from an earlier run (pid {Pid}) still uses {DataDirectory}; stopping it")]
    private static partial void LogStoppingLeftover(ILogger logger, int pid, string dataDirectory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removing stale {PidFile}")]
    private static partial void LogRemovingStalePidFile(ILogger logger, string pidFile);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Port {Port} was taken before PostgreSQL could bind it; retrying with another port")]
    private static partial void LogPortTaken(ILogger logger, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL started on port {Port} with data directory {DataDirectory}")]
    private static partial void LogStarted(ILogger logger, int port, string dataDirectory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created database {Database}")]
    private static partial void LogCreatedDatabase(ILogger logger, string database);

    [LoggerMessage(Level = LogLevel.Warning, Message = "pg_ctl stop failed with exit code {ExitCode}: {Output}")]
    private static partial void LogStopFailed(ILogger logger, int exitCode, string output);

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL on port {Port} stopped")]
    private static partial void LogStopped(ILogger logger, int port);

    // Derives from the type of every other start-up failure, so callers need not know it.
    private sealed class PortTakenException(string message) : InvalidOperationException(message);

    private sealed record ProcessResult(int ExitCode, string Output);

    /// <summary>The server binaries and how to run a program as the server's user.</summary>
    private sealed class Tools(string binDirectory, IReadOnlyList<string> runAsPrefix)
    {
        public static Tools Direct { get; } = new("", []);

        public string Binary(string name) => Path.Combine(binDirectory, name);

        public ProcessStartInfo StartInfo(string fileName, IEnumerable<string> arguments)
        {
            var (program, leading) = runAsPrefix.Count > 0
                ? (runAsPrefix[0], runAsPrefix.Skip(1).Append(fileName))
                : (fileName, []);
            var startInfo = new ProcessStartInfo(program)
            {
                UseShellExecute = false,
                // The server's user may not be able to enter our working directory (say /root), which
                // initdb and pg_ctl complain about.
                WorkingDirectory = "/",
                // DEBIAN_FRONTEND only matters to apt-get, where a prompt would hang us forever.
                Environment = { ["DEBIAN_FRONTEND"] = "noninteractive" },
            };
            foreach (var argument in leading.Concat(arguments))
            {
                startInfo.ArgumentList.Add(argument);
            }

            return startInfo;
        }

        public async Task<ProcessResult> RunAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken ct)
        {
            var startInfo = StartInfo(fileName, arguments);
            startInfo.RedirectStandardOutput = true;
            startInfo.RedirectStandardError = true;
            using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {fileName}.");
            var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            try
            {
                await process.WaitForExitAsync(ct);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return new ProcessResult(process.ExitCode, await stdout + await stderr);
        }
    }
}
