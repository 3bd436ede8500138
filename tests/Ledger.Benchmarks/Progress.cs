using System.Diagnostics;
using System.Globalization;

namespace Ledger.Benchmarks;

/// <summary>Progress goes to stderr so that stdout carries only the Markdown report.</summary>
internal static class Progress
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    public static void Line(string message) =>
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{Clock.Elapsed:mm\\:ss}] {message}"));
}
