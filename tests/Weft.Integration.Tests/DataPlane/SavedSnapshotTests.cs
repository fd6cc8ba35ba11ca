namespace Weft.Integration.Tests.DataPlane;

/// <summary>Losing the control plane never stops traffic: a proxy restarted meanwhile serves its saved snapshot.</summary>
public sealed class SavedSnapshotTests
{
    [Fact]
    public async Task A_proxy_restarted_while_the_control_plane_is_stopped_keeps_serving_from_its_saved_snapshot()
    {
        await using var mesh = await CanaryMesh.StartAsync(50, 50);
        var before = await mesh.SendAsync(100);
        before.Failures.Should().BeEmpty(before.ToString());

        await mesh.Weftd.Process.DisposeAsync();
        await mesh.RestartClientAsync();

        var dump = await mesh.Client.AdminGetAsync("config_dump");
        dump.Should().Contain("\"connected\": false", "the control plane is down; the proxy serves what it saved");
        var after = await mesh.SendAsync(200);
        after.Failures.Should().BeEmpty($"the restarted proxy must serve from its saved snapshot; got {after}\n{mesh.Client.Output}");
        after["v1"].Should().BeGreaterThan(0);
        after["v2"].Should().BeGreaterThan(0);
    }
}
