using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Ledger.Testing;

/// <summary>
/// Ledger's API as a separate OS process (<c>dotnet Ledger.Api.dll</c>): so that a test can SIGKILL it the
/// way the kernel's OOM killer or a pulled plug would (no shutdown hooks, no flushing, no disposal), and
/// so that a benchmark can tell Ledger's CPU time apart from the load generator's and PostgreSQL's.
/// Its last lines of stdout and stderr are kept for printing when something fails.
/// </summary>
public sealed class LedgerProcess : IAsyncDisposable
{
    private const int KeptOutputLines = 400;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;
    private readonly string _name;

    private LedgerProcess(Process process, ConcurrentQueue<string> output, string name, Uri baseAddress, string assembly)
    {
        Assembly = assembly;
        _process = process;
        _output = output;
        _name = name;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The Ledger.Api.dll this process runs.</summary>
    public string Assembly { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process wrote so far, stdout and stderr interleaved as they arrived.</summary>
    public string Output => $"----- {_name} (pid {_process.Id}) output -----{Environment.NewLine}{string.Join(Environment.NewLine, _output)}";

    /// <summary>
    /// Starts the Ledger.Api.dll at <paramref name="assembly"/> on <paramref name="connectionString"/> at a
    /// free loopback port, in Development (which holds the webhook secrets tests sign with), with any
    /// further <paramref name="environment"/> variables.
    /// </summary>
    public static LedgerProcess Start(string name, string assembly, string connectionString, IReadOnlyDictionary<string, string>? environment = null)
    {
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException($"Ledger.Api.dll is not at {assembly}; build the Api in the same configuration first.", assembly);
        }

        var baseAddress = new Uri($"http://127.0.0.1:{FreePort().ToString(CultureInfo.InvariantCulture)}");
        var info = new ProcessStartInfo(DotnetHost())
        {
            // Ledger reads appsettings from its content root, which is the working directory.
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(assembly);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        info.Environment["ConnectionStrings__Ledger"] = connectionString;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment.Remove("ASPNETCORE_URLS");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var output = new ConcurrentQueue<string>();
        var process = new Process { StartInfo = info };
        // The pipes must be drained, or Ledger blocks on a full one.
        process.OutputDataReceived += (_, e) => Keep(output, "out", e.Data);
        process.ErrorDataReceived += (_, e) => Keep(output, "err", e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new LedgerProcess(process, output, name, baseAddress, assembly);
    }

    /// <summary>Polls <c>GET /health</c> until it answers 200; fails at once if the process exits instead.</summary>
    public async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        await Probe.UntilAsync(
            async () =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"{_name} exited with code {_process.ExitCode} before it was healthy.");
                }

                try
                {
                    using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
                    return response.StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                    return false;
                }
                catch (TaskCanceledException)
                {
                    return false;
                }
            },
            timeout,
            $"{_name} to answer GET /health with 200");
    }

    /// <summary>Whether it is still running, or how it ended.</summary>
    public string Describe()
    {
        _process.Refresh();
        return _process.HasExited ? $"(pid {_process.Id}) exited with code {_process.ExitCode}" : $"(pid {_process.Id}) is still running";
    }

    /// <summary>User plus system CPU time Ledger has used so far.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>SIGKILL on Linux: the process gets no chance to finish anything it has in hand.</summary>
    public void Kill() => _process.Kill(entireProcessTree: false);

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(timeout.Token);
            }
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }
        catch (OperationCanceledException)
        {
            // A process that survives SIGKILL for ten seconds is beyond our reach; the test fails anyway.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static void Keep(ConcurrentQueue<string> output, string stream, string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue($"[{stream}] {line}");
        while (output.Count > KeptOutputLines && output.TryDequeue(out _))
        {
        }
    }

    /// <summary>The same dotnet host that runs the tests, so the Api runs on the same runtime.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        return Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }

    /// <summary>A port nobody listens on now; the small window before Ledger binds it is accepted.</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
