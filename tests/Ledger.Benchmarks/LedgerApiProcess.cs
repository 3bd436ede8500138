using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Ledger.Benchmarks;

/// <summary>
/// Ledger's API, Release build, as a separate process (<c>dotnet Ledger.Api.dll</c>) on the benchmark's
/// cluster. A process of its own, so that its CPU time can be told apart from the load generator's and
/// PostgreSQL's: on two cores the three compete, and the split is what explains the figures.
/// </summary>
internal sealed class LedgerApiProcess : IAsyncDisposable
{
    private const int KeptOutputLines = 200;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private LedgerApiProcess(Process process, ConcurrentQueue<string> output, Uri baseAddress, string assembly)
    {
        _process = process;
        _output = output;
        BaseAddress = baseAddress;
        Assembly = assembly;
    }

    public Uri BaseAddress { get; }

    public int Id => _process.Id;

    public string Assembly { get; }

    /// <summary>The last lines Ledger wrote, for when it does not come up or fails under load.</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    /// <summary>Builds the Api in Release (unless told not to), starts it and waits for <c>GET /health</c> to answer 200.</summary>
    public static async Task<LedgerApiProcess> StartAsync(string connectionString, bool build, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var root = RepositoryRoot();
        var project = Path.Combine(root, "Api", "Ledger.Api.csproj");
        var assembly = Path.Combine(root, "Api", "bin", "Release", "net10.0", "Ledger.Api.dll");
        if (build)
        {
            // The benchmark project does not reference the Api, so its build does not refresh it.
            Progress.Line("Building Ledger.Api (Release)");
            await RunAsync(DotnetHost(), ["build", project, "-c", "Release", "--nologo", "-v", "quiet"], cancellationToken);
        }

        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException($"No Release build of the Api at {assembly}; run without --no-build.", assembly);
        }

        var baseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{FreePort()}"));
        var info = new ProcessStartInfo(DotnetHost())
        {
            // Ledger reads its appsettings from the content root, which is the working directory.
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(assembly);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        info.Environment["ConnectionStrings__Ledger"] = connectionString;
        // Development holds the dev webhook secrets the load generator signs with.
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment.Remove("ASPNETCORE_URLS");
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var output = new ConcurrentQueue<string>();
        var process = new Process { StartInfo = info };
        // The pipes must be drained, or Ledger blocks on a full one.
        process.OutputDataReceived += (_, e) => Keep(output, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var ledger = new LedgerApiProcess(process, output, baseAddress, assembly);
        try
        {
            await ledger.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60), cancellationToken);
            return ledger;
        }
        catch
        {
            await Console.Error.WriteLineAsync(ledger.Output);
            await ledger.DisposeAsync();
            throw;
        }
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

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var pause = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Ledger exited with code {_process.ExitCode} before it was healthy.");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"Ledger did not answer GET /health with 200 within {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(pause, cancellationToken);
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 200));
        }
    }

    private static void Keep(ConcurrentQueue<string> output, string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > KeptOutputLines && output.TryDequeue(out _))
        {
        }
    }

    private static async Task RunAsync(string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        // stdout carries only the report, so the build's output goes to stderr.
        var info = new ProcessStartInfo(fileName) { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        await process.StandardOutput.BaseStream.CopyToAsync(Console.OpenStandardError(), cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', info.ArgumentList)} exited with code {process.ExitCode}.");
        }
    }

    /// <summary>The dotnet host running this benchmark, so that Ledger runs on the same runtime.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : "dotnet";

    /// <summary>A port nobody listens on now; the small window before Kestrel binds it is accepted.</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ledger.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Ledger.sln above {AppContext.BaseDirectory}; run the benchmark from the repository.");
    }
}
