namespace Ledger.Simulators.Faults;

/// <summary>A queue of faults; each wire-API request of the system takes the next one, if any.</summary>
public sealed class FaultPlan
{
    private readonly Lock _gate = new();
    private readonly Queue<Fault> _queue = new();

    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    public FaultPlan Enqueue(Fault fault, int times = 1)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfNegative(times);
        lock (_gate)
        {
            for (var i = 0; i < times; i++)
            {
                _queue.Enqueue(fault);
            }
        }

        return this;
    }

    public bool TryTake(out Fault? fault)
    {
        lock (_gate)
        {
            return _queue.TryDequeue(out fault);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _queue.Clear();
        }
    }
}
