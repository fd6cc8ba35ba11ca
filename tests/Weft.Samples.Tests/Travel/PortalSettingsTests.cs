using Weft.Samples.Travel.Portal;

namespace Weft.Samples.Tests.Travel;

public sealed class PortalSettingsTests
{
    [Theory]
    [InlineData(50, 7500)]
    [InlineData(0, 15000)]
    [InlineData(90, 1500)]
    [InlineData(100, 750)]
    [InlineData(99, 750)]
    public void The_pause_is_the_demos_15_s_scaled_by_the_request_ratio_and_never_under_750_ms(int ratio, int milliseconds) =>
        (PortalSettings.Default with { RequestRatio = ratio }).Pause.Should().Be(TimeSpan.FromMilliseconds(milliseconds));

    [Fact]
    public void A_partial_body_changes_only_what_it_names()
    {
        var (s, errors) = PortalSettings.Default.Apply("{\"request_ratio\":80,\"travel_type\":{\"t3\":0}}");
        errors.Should().BeEmpty();
        s.Should().Be(PortalSettings.Default with { RequestRatio = 80, TravelType = new TravelTypeCounts(34, 33, 0) });
    }

    [Fact]
    public void Every_bad_value_is_reported_by_its_path()
    {
        var (s, errors) = PortalSettings.Default.Apply("{\"request_ratio\":\"fast\",\"devices\":{\"web\":-1},\"users\":7,\"travel_type\":{\"t1\":0,\"t2\":0,\"t3\":0}}");
        s.Should().BeNull();
        errors.Should().Equal(
            "request_ratio: \"fast\" is not a whole number from 0 to 100",
            "devices.web: -1 is not a whole number from 0 to 100",
            "users: expected an object, found 7",
            "travel_type: t1, t2 and t3 are all 0; at least one needs a share");
    }
}
