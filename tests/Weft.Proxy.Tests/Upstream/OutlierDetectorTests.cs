using Microsoft.Extensions.Logging.Abstractions;
using Weft.Discovery.Clusters;
using Weft.Discovery.Endpoints;
using Weft.Proxy.Upstream;

namespace Weft.Proxy.Tests.Upstream;

/// <summary>Outlier detection against a clock moved by hand: exact times, no sleeping.</summary>
public sealed class OutlierDetectorTests
{
    private sealed class ManualClock : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }

    private readonly ManualClock _clock = new();
    private readonly EndpointState[] _eps = [.. Enumerable.Range(1, 3).Select(i => new EndpointState(new LbEndpoint { Address = $"127.0.0.{i}", Port = 80 }))];
    private readonly ClusterStats _stats = new();

    private OutlierDetector Detector(int maxEjectionPercent = 50) => new("svc",
        new OutlierDetectionSettings { Consecutive5xxErrors = 3, Interval = TimeSpan.FromHours(1), BaseEjectionTime = TimeSpan.FromSeconds(10), MaxEjectionPercent = maxEjectionPercent },
        () => new EndpointSet(_eps), _stats, _clock, NullLogger.Instance);

    private static void Fail(OutlierDetector d, EndpointState ep, int times)
    {
        for (var i = 0; i < times; i++)
            d.OnResult(ep, 500, localFailure: false);
    }

    [Fact]
    public void An_endpoint_is_ejected_at_the_threshold_and_readmitted_after_the_base_time()
    {
        using var d = Detector();

        Fail(d, _eps[0], 2);
        _eps[0].IsEjected.Should().BeFalse();
        Fail(d, _eps[0], 1);
        _eps[0].IsEjected.Should().BeTrue();

        _clock.Advance(TimeSpan.FromSeconds(9.9));
        d.Sweep();
        _eps[0].IsEjected.Should().BeTrue();
        _clock.Advance(TimeSpan.FromSeconds(0.1));
        d.Sweep();
        _eps[0].IsEjected.Should().BeFalse();
        _stats.OutlierDetectionEjectionsTotal.Should().Be(1);
    }

    [Fact]
    public void A_second_ejection_lasts_twice_as_long()
    {
        using var d = Detector();
        Fail(d, _eps[0], 3);
        _clock.Advance(TimeSpan.FromSeconds(10));
        d.Sweep();

        Fail(d, _eps[0], 3);
        _clock.Advance(TimeSpan.FromSeconds(19));
        d.Sweep();
        _eps[0].IsEjected.Should().BeTrue();
        _clock.Advance(TimeSpan.FromSeconds(1));
        d.Sweep();

        _eps[0].IsEjected.Should().BeFalse();
        _eps[0].TimesEjected.Should().Be(2);
    }

    [Fact]
    public void A_success_resets_the_count_of_consecutive_errors()
    {
        using var d = Detector();

        Fail(d, _eps[0], 2);
        d.OnResult(_eps[0], 200, localFailure: false);
        Fail(d, _eps[0], 2);

        _eps[0].IsEjected.Should().BeFalse();
    }

    [Fact]
    public void Local_failures_count_as_5xx()
    {
        using var d = Detector();

        for (var i = 0; i < 3; i++)
            d.OnResult(_eps[1], 0, localFailure: true);

        _eps[1].IsEjected.Should().BeTrue();
    }

    [Fact]
    public void No_more_than_max_ejection_percent_are_ejected_but_one_always_can_be()
    {
        using var few = Detector(maxEjectionPercent: 10);
        Fail(few, _eps[0], 3);
        Fail(few, _eps[1], 3);

        _eps[0].IsEjected.Should().BeTrue("one endpoint can always be ejected");
        _eps[1].IsEjected.Should().BeFalse("a second would exceed 10% of 3");
    }

    [Fact]
    public void An_endpoint_that_stays_healthy_is_forgiven_one_ejection_per_base_time()
    {
        using var d = Detector();
        Fail(d, _eps[0], 3);
        _clock.Advance(TimeSpan.FromSeconds(10));
        d.Sweep();
        _eps[0].TimesEjected.Should().Be(1);

        _clock.Advance(TimeSpan.FromSeconds(10));
        d.Sweep();

        _eps[0].TimesEjected.Should().Be(0);
    }
}
