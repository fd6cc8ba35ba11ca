namespace Weft.Samples.Failure;

/// <summary>
/// Makes this instance fail on purpose, for the circuit-breaker lab: started by
/// <c>FAIL_WITH_5XX=&lt;percent&gt;</c> (status from <c>FAIL_STATUS</c>, default 503) or
/// <c>POST /admin/fail</c>, stopped by <c>DELETE /admin/fail</c>.
/// Failures are spread evenly, not drawn at random: at 50 % every second request fails, so a
/// lab (and a test) sees exactly the share it asked for.
/// </summary>
public sealed class FailureSwitch
{
    private Armed _current;

    public FailureSwitch(FailureMode initial) => _current = new Armed(initial);

    public FailureMode Mode => Volatile.Read(ref _current).Mode;

    /// <summary>Replaces the mode; the even spread starts over.</summary>
    public void Set(FailureMode mode) => Volatile.Write(ref _current, new Armed(mode));

    /// <summary>The status to fail this request with, or null to serve it.</summary>
    public int? Decide()
    {
        var armed = Volatile.Read(ref _current);
        var p = armed.Mode.Percent;
        if (p <= 0)
            return null;
        if (p >= 100)
            return armed.Mode.Status;
        // Request n fails when floor(n*p/100) steps up: exactly p of every 100, evenly spaced.
        var n = Interlocked.Increment(ref armed.Count);
        return n * p / 100 != (n - 1) * p / 100 ? armed.Mode.Status : null;
    }

    /// <summary>One mode and its own request count, swapped whole so a change never mixes the two.</summary>
    private sealed class Armed(FailureMode mode)
    {
        public readonly FailureMode Mode = mode;
        public long Count;
    }
}
