namespace Weft.Identity.Tests.Support;

/// <summary>
/// A clock the test moves by hand, with timers (so <c>Task.Delay(d, clock)</c> works): a timer
/// fires when <see cref="Advance"/> passes its due time, never by itself.
/// </summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
            return _now;
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <summary>Timers waiting to fire (a loop blocked in Task.Delay on this clock has one).</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
                return _timers.Count(t => t.Due is not null);
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due;
        lock (_gate)
        {
            _now += by;
            due = _timers.Where(t => t.Due is { } d && d <= _now).ToList();
            foreach (var t in due)
                t.Due = t.Period is { } p && p > TimeSpan.Zero ? _now + p : null;
        }
        foreach (var t in due)
            t.Fire();
    }

    public void AdvanceTo(DateTimeOffset when) => Advance(when - GetUtcNow());

    /// <summary>Waits (in real time) until something waits on this clock.</summary>
    public async Task WaitForWaiterAsync(int count = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Waiting < count)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"nothing started waiting on the manual clock ({Waiting} waiting, {count} expected)");
            await Task.Delay(5);
        }
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? Due { get; set; }

        public TimeSpan? Period { get; private set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                if (!clock._timers.Contains(this))
                    clock._timers.Add(this);
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : clock._now + dueTime;
                Period = period == Timeout.InfiniteTimeSpan ? null : period;
            }
            if (dueTime == TimeSpan.Zero)
            {
                lock (clock._gate)
                    Due = Period is { } p && p > TimeSpan.Zero ? clock._now + p : null;
                Fire();
            }
            return true;
        }

        public void Dispose()
        {
            lock (clock._gate)
                clock._timers.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
