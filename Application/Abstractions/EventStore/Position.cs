namespace Ledger.Application.Abstractions.EventStore;

/// <summary>
/// A place in the global log (<c>$all</c>). Positions only grow in the order readers see events;
/// they are not contiguous, so never count events by subtracting positions.
/// </summary>
public readonly record struct Position(long Value) : IComparable<Position>
{
    /// <summary>Before the first event: reading "after Start" reads everything.</summary>
    public static readonly Position Start = new(0);

    public int CompareTo(Position other) => Value.CompareTo(other.Value);

    public static bool operator <(Position left, Position right) => left.Value < right.Value;

    public static bool operator >(Position left, Position right) => left.Value > right.Value;

    public static bool operator <=(Position left, Position right) => left.Value <= right.Value;

    public static bool operator >=(Position left, Position right) => left.Value >= right.Value;

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
