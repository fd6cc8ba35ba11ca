using Weft.Samples.Failure;

namespace Weft.Samples.Tests.Failure;

public sealed class FailureModeTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(10, 10)]
    [InlineData(33, 33)]
    [InlineData(100, 100)]
    public void A_percentage_fails_exactly_that_many_of_every_hundred_requests(int percent, int failures)
    {
        var sw = new FailureSwitch(new FailureMode(502, percent));
        Enumerable.Range(0, 100).Count(_ => sw.Decide() == 502).Should().Be(failures);
    }

    [Fact]
    public void An_empty_body_means_503_for_every_request_and_members_may_be_left_out()
    {
        FailureEndpoints.Parse("").Mode.Should().Be(new FailureMode(503, 100));
        FailureEndpoints.Parse("{\"percent\":25}").Mode.Should().Be(new FailureMode(503, 25));
        FailureEndpoints.Parse("{\"status\":500}").Mode.Should().Be(new FailureMode(500, 100));
    }

    [Fact]
    public void A_bad_mode_reports_each_member()
    {
        var (mode, errors) = FailureEndpoints.Parse("{\"status\":\"busy\",\"percent\":-5}");
        mode.Should().BeNull();
        errors.Should().Equal("status: \"busy\" is not a whole number", "percent: -5 is outside 0..100");
    }
}
