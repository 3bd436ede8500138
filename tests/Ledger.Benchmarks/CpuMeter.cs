using System.Diagnostics;
using System.Globalization;

namespace Ledger.Benchmarks;

/// <summary>CPU time used by this process, by the cluster's server processes, and by the whole machine.</summary>
internal readonly record struct CpuSample(TimeSpan Client, TimeSpan Server, TimeSpan MachineBusy, TimeSpan MachineTotal);

/// <summary>CPU spent during a measured window. <see cref="Others"/> is what other programs on the machine took.</summary>
internal sealed record CpuUsage(TimeSpan Client, TimeSpan Server, TimeSpan MachineBusy, TimeSpan MachineTotal)
{
    public TimeSpan Others => MachineBusy - Client - Server > TimeSpan.Zero ? MachineBusy - Client - Server : TimeSpan.Zero;

    public double BusyFraction => MachineTotal > TimeSpan.Zero ? MachineBusy / MachineTotal : double.NaN;

    public static CpuUsage Between(CpuSample from, CpuSample to) =>
        new(to.Client - from.Client, to.Server - from.Server, to.MachineBusy - from.MachineBusy, to.MachineTotal - from.MachineTotal);
}

/// <summary>
/// Reads CPU times from /proc, so that each figure can be split into client and server cost: on two cores
/// shared by both, every microsecond the client spends is one the server does not get. Server processes
/// are the postmaster and its children, so other PostgreSQL clusters on the machine are not counted; the
/// time of children that exited (autovacuum workers, closed connections) is in the postmaster's own
/// cutime and cstime, so the total never goes backwards.
/// Where /proc is missing the server and machine figures stay zero.
/// </summary>
internal sealed class CpuMeter(int postmasterPid)
{
    // Linux reports /proc times in clock ticks of USER_HZ, which is 100 on every mainstream architecture.
    private const double TicksPerSecond = 100;

    public static CpuMeter ForDataDirectory(string dataDirectory)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        var pid = File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : -1;
        return new CpuMeter(pid);
    }

    public CpuSample Sample()
    {
        using var self = Process.GetCurrentProcess();
        var (busy, total) = MachineTimes();
        return new CpuSample(self.TotalProcessorTime, ServerTime(), busy, total);
    }

    private TimeSpan ServerTime()
    {
        if (postmasterPid <= 0 || !Directory.Exists("/proc"))
        {
            return TimeSpan.Zero;
        }

        long ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(directory);
            if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            if (ReadStat(directory) is { } stat && (pid == postmasterPid || stat.ParentPid == postmasterPid))
            {
                ticks += stat.Ticks + (pid == postmasterPid ? stat.ChildrenTicks : 0);
            }
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private static (int ParentPid, long Ticks, long ChildrenTicks)? ReadStat(string directory)
    {
        try
        {
            // The command name (field 2) may hold spaces and parentheses, so fields are counted after its closing one.
            var stat = File.ReadAllText(Path.Combine(directory, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After the name: state(3) ppid(4) … utime(14) stime(15) cutime(16) cstime(17), i.e. indexes 1, 11 to 14 here.
            return (int.Parse(fields[1], CultureInfo.InvariantCulture),
                long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture),
                long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            // The process exited while we looked.
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static (TimeSpan Busy, TimeSpan Total) MachineTimes()
    {
        if (!File.Exists("/proc/stat"))
        {
            return (TimeSpan.Zero, TimeSpan.Zero);
        }

        // cpu  user nice system idle iowait irq softirq steal ...: idle and iowait are not busy.
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Take(8).Sum();
        var idle = fields[3] + fields[4];
        return (TimeSpan.FromSeconds((total - idle) / TicksPerSecond), TimeSpan.FromSeconds(total / TicksPerSecond));
    }
}
