using System.Text.Json.Nodes;
using Weft.ControlPlane.Resources;
using Weft.ControlPlane.Resources.Labels;
using static Weft.ControlPlane.Tests.Resources.TestResources;

namespace Weft.ControlPlane.Tests.Resources;

public class ResourceServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Meta(JsonObject o, string field) => o["metadata"]![field]!.ToString();

    [Fact]
    public async Task A_created_object_gets_its_identity_generation_1_and_its_revision_as_resourceVersion()
    {
        await using var r = Open();
        var created = await r.Service.CreateAsync(Deployments, "shop", Deployment("web", 1), Ct);
        Meta(created, "resourceVersion").Should().Be("2");
        Meta(created, "generation").Should().Be("1");
        Meta(created, "creationTimestamp").Should().Be("2025-03-01T12:00:00Z");
        Guid.TryParse(Meta(created, "uid"), out _).Should().BeTrue();
        created["metadata"]!.AsObject().Select(p => p.Key).Should().Equal("name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "labels");
        (await r.Service.GetAsync(Deployments, "shop", "web", Ct)).ToJsonString().Should().Be(created.ToJsonString());
    }

    [Fact]
    public async Task Status_sent_with_a_create_or_an_update_is_ignored()
    {
        await using var r = Open();
        var created = await r.Service.CreateAsync(Deployments, "shop", Deployment("web", 1, extra: ",\"status\":{\"ready\":1}"), Ct);
        created.ContainsKey("status").Should().BeFalse();
        var update = Deployment("web", 1, extra: ",\"status\":{\"ready\":5}");
        update["metadata"]!["resourceVersion"] = Meta(created, "resourceVersion");
        var updated = await r.Service.UpdateAsync(Deployments, "shop", "web", update, Ct);
        updated.ContainsKey("status").Should().BeFalse();
        Meta(updated, "resourceVersion").Should().Be(Meta(created, "resourceVersion"), "nothing but the ignored status differed, so nothing was written");
    }

    [Fact]
    public async Task The_generation_moves_only_when_the_content_changes()
    {
        await using var r = Open();
        var v1 = await r.Service.CreateAsync(Deployments, "shop", Deployment("web", 1), Ct);

        var relabel = Deployment("web", 1, labels: "{\"team\":\"a\"}");
        relabel["metadata"]!["resourceVersion"] = Meta(v1, "resourceVersion");
        var v2 = await r.Service.UpdateAsync(Deployments, "shop", "web", relabel, Ct);
        (Meta(v2, "generation"), Meta(v2, "resourceVersion")).Should().Be(("1", "3"), "a label is metadata, not content");

        var withStatus = await r.Service.UpdateStatusAsync(Deployments, "shop", "web", Json("""{"apiVersion":"apps/v1","kind":"Deployment","status":{"ready":1}}"""), Ct);
        (Meta(withStatus, "generation"), Meta(withStatus, "resourceVersion")).Should().Be(("1", "4"), "status is not content");
        withStatus["status"]!.ToJsonString().Should().Be("""{"ready":1}""");

        var scale = Deployment("web", 3, labels: "{\"team\":\"a\"}");
        scale["metadata"]!["resourceVersion"] = "4";
        var v3 = await r.Service.UpdateAsync(Deployments, "shop", "web", scale, Ct);
        (Meta(v3, "generation"), Meta(v3, "resourceVersion")).Should().Be(("2", "5"));
        v3["status"]!.ToJsonString().Should().Be("""{"ready":1}""", "an update keeps the status");
        (Meta(v3, "uid"), Meta(v3, "creationTimestamp")).Should().Be((Meta(v1, "uid"), Meta(v1, "creationTimestamp")));
    }

    [Fact]
    public async Task An_update_from_a_stale_resourceVersion_is_a_conflict()
    {
        await using var r = Open();
        await r.Service.CreateAsync(Deployments, "shop", Deployment("web", 1), Ct);
        await r.Service.ApplyAsync(ApplyList(Deployment("web", 2)), dryRun: false, Ct);
        var stale = Deployment("web", 5);
        stale["metadata"]!["resourceVersion"] = "2";
        var act = () => r.Service.UpdateAsync(Deployments, "shop", "web", stale, Ct);
        (await act.Should().ThrowAsync<ApiException>()).Which.Status.Should().Be(ApiStatus.Conflict(Deployments, "web"));
    }

    [Fact]
    public async Task A_generated_name_is_the_prefix_and_five_safe_characters()
    {
        await using var r = Open();
        var body = Json("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"generateName":"web-"},"spec":{}}""");
        var created = await r.Service.CreateAsync(Deployments, "shop", body, Ct);
        Meta(created, "name").Should().MatchRegex("^web-[bcdfghjklmnpqrstvwxz2456789]{5}$");
        Meta(created, "generateName").Should().Be("web-");
    }

    [Fact]
    public async Task Apply_creates_configures_and_leaves_unchanged_in_one_revision()
    {
        await using var r = Open();
        await r.Service.ApplyAsync(ApplyList(Deployment("same", 1), Deployment("changed", 1)), dryRun: false, Ct);   // revision 2
        var result = await r.Service.ApplyAsync(ApplyList(Deployment("same", 1), Deployment("changed", 2), Deployment("new", 1)), dryRun: false, Ct);
        result.Items.Select(i => (i.Name, i.Action, i.ResourceVersion)).Should().Equal(
            ("same", ApplyAction.Unchanged, "2"), ("changed", ApplyAction.Configured, "3"), ("new", ApplyAction.Created, "3"));
        (await r.RevisionAsync()).Should().Be(3);
        result.ToJson().ToJsonString().Should().Be(
            """{"apiVersion":"weft.io/v1","kind":"ApplyResult","items":[{"apiVersion":"apps/v1","kind":"Deployment","namespace":"shop","name":"same","action":"unchanged","resourceVersion":"2"},{"apiVersion":"apps/v1","kind":"Deployment","namespace":"shop","name":"changed","action":"configured","resourceVersion":"3"},{"apiVersion":"apps/v1","kind":"Deployment","namespace":"shop","name":"new","action":"created","resourceVersion":"3"}]}""");
    }

    [Fact]
    public async Task Applying_the_same_batch_again_writes_nothing()
    {
        await using var r = Open();
        var batch = ApplyList(Deployment("a", 1), Deployment("b", 1, labels: "{\"x\":\"y\"}"));
        await r.Service.ApplyAsync(batch, dryRun: false, Ct);
        var again = await r.Service.ApplyAsync(batch, dryRun: false, Ct);
        again.Items.Should().OnlyContain(i => i.Action == ApplyAction.Unchanged);
        (await r.RevisionAsync()).Should().Be(2);
    }

    [Fact]
    public async Task Apply_replaces_labels_and_annotations_but_keeps_identity_and_status()
    {
        await using var r = Open();
        await r.Service.ApplyAsync(ApplyList(Deployment("web", 1, labels: "{\"old\":\"1\"}")), dryRun: false, Ct);
        var before = await r.Service.UpdateStatusAsync(Deployments, "shop", "web", Json("""{"apiVersion":"apps/v1","kind":"Deployment","status":{"ready":1}}"""), Ct);
        r.Time.Advance(TimeSpan.FromHours(1));
        await r.Service.ApplyAsync(ApplyList(Deployment("web", 1, labels: "{\"new\":\"2\"}")), dryRun: false, Ct);
        var after = await r.Service.GetAsync(Deployments, "shop", "web", Ct);
        after["metadata"]!["labels"]!.ToJsonString().Should().Be("""{"new":"2"}""");
        (Meta(after, "uid"), Meta(after, "creationTimestamp"), Meta(after, "generation")).Should()
            .Be((Meta(before, "uid"), "2025-03-01T12:00:00Z", "1"));
        after["status"]!.ToJsonString().Should().Be("""{"ready":1}""");
    }

    [Fact]
    public async Task A_batch_with_one_invalid_item_writes_nothing_and_names_every_error_by_item()
    {
        await using var r = Open();
        var bad = Deployment("ok-too", 1, labels: "{\"bad label\":\"x\"}");
        var noName = Json("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"namespace":"shop"}}""");
        var act = () => r.Service.ApplyAsync(ApplyList(Deployment("fine", 1), bad, noName), dryRun: false, Ct);
        var status = (await act.Should().ThrowAsync<ApiException>()).Which.Status;
        status.Code.Should().Be(422);
        status.Details!.Causes.Select(c => (c.Field, c.Reason)).Should().Equal(
            ("items[1].metadata.labels", "FieldValueInvalid"), ("items[2].metadata.name", "FieldValueRequired"));
        status.Message.Should().StartWith("2 of 3 objects are invalid, so none was applied: [items[1].metadata.labels: Invalid value: \"bad label\": name part must consist of");
        (await r.RevisionAsync()).Should().Be(1);
    }

    [Fact]
    public async Task The_same_object_twice_in_one_batch_is_refused()
    {
        await using var r = Open();
        var act = () => r.Service.ApplyAsync(ApplyList(Deployment("web", 1), Deployment("web", 2)), dryRun: false, Ct);
        var cause = (await act.Should().ThrowAsync<ApiException>()).Which.Status.Details!.Causes.Should().ContainSingle().Subject;
        cause.Should().Be(new StatusCause("FieldValueDuplicate", "Duplicate value: \"web\": Deployment shop/web is also items[0]", "items[1].metadata.name"));
    }

    [Fact]
    public async Task A_stale_resourceVersion_in_one_item_refuses_the_whole_batch_with_a_conflict()
    {
        await using var r = Open();
        await r.Service.ApplyAsync(ApplyList(Deployment("web", 1)), dryRun: false, Ct);   // 2
        await r.Service.ApplyAsync(ApplyList(Deployment("web", 2)), dryRun: false, Ct);   // 3
        var stale = Deployment("web", 9);
        stale["metadata"]!["resourceVersion"] = "2";
        var act = () => r.Service.ApplyAsync(ApplyList(Deployment("other", 1), stale), dryRun: false, Ct);
        var status = (await act.Should().ThrowAsync<ApiException>()).Which.Status;
        status.ToJson().ToJsonString(StoredObjects.Json).Should().Be(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Operation cannot be fulfilled on deployments.apps \"web\" (items[1]): the object has been modified; please apply your changes to the latest version and try again","reason":"Conflict","details":{"name":"web","group":"apps","kind":"deployments","causes":[{"reason":"FieldValueInvalid","message":"the object has been modified; please apply your changes to the latest version and try again (the request names resourceVersion 2, the object is at 3)","field":"items[1].metadata.resourceVersion"}]},"code":409}""");
        (await r.RevisionAsync()).Should().Be(3);
    }

    [Fact]
    public async Task A_dry_run_reports_the_actions_and_writes_nothing()
    {
        await using var r = Open();
        await r.Service.ApplyAsync(ApplyList(Deployment("web", 1)), dryRun: false, Ct);
        var result = await r.Service.ApplyAsync(ApplyList(Deployment("web", 2), Deployment("new", 1)), dryRun: true, Ct);
        result.Items.Select(i => (i.Name, i.Action, i.ResourceVersion)).Should().Equal(("web", ApplyAction.Configured, "2"), ("new", ApplyAction.Created, ""));
        (await r.RevisionAsync()).Should().Be(2);
        (await r.Service.ListAsync(Deployments, "shop", LabelSelector.Everything, Ct)).Items.Should().ContainSingle();
    }

    [Fact]
    public async Task Concurrent_applies_without_resourceVersion_retry_and_all_succeed()
    {
        await using var r = Open();
        await r.Service.ApplyAsync(ApplyList(Deployment("hot", 0)), dryRun: false, Ct);
        var results = await Task.WhenAll(Enumerable.Range(1, 6).Select(i =>
            Task.Run(() => r.Service.ApplyAsync(ApplyList(Deployment("hot", i), Deployment($"own-{i}", i)), dryRun: false, Ct), Ct)));
        results.Should().OnlyContain(res => res.Items.All(i => i.Action != ApplyAction.Unchanged));
        (await r.RevisionAsync()).Should().Be(8);
        var hot = await r.Service.GetAsync(Deployments, "shop", "hot", Ct);
        Meta(hot, "generation").Should().Be("7");
    }

    [Fact]
    public async Task A_watch_with_a_selector_sees_objects_enter_and_leave_its_selection()
    {
        await using var r = Open();
        var selector = LabelSelector.Parse("tier=front", out _)!;
        await using var watch = await r.Service.OpenWatchAsync(Deployments, "shop", selector, "1", Ct);
        await r.Service.ApplyAsync(ApplyList(Deployment("web", 1, labels: "{\"tier\":\"back\"}")), dryRun: false, Ct);   // 2: not selected
        await r.Service.ApplyAsync(ApplyList(Deployment("web", 1, labels: "{\"tier\":\"front\"}")), dryRun: false, Ct);  // 3: enters
        await r.Service.ApplyAsync(ApplyList(Deployment("web", 2, labels: "{\"tier\":\"front\"}")), dryRun: false, Ct);  // 4: changes
        await r.Service.ApplyAsync(ApplyList(Deployment("web", 2, labels: "{\"tier\":\"back\"}")), dryRun: false, Ct);   // 5: leaves
        await r.Service.DeleteAsync(Deployments, "shop", "web", null, Ct);                                                 // 6: not selected
        var events = new List<(string, string)>();
        while (watch.Revision < 6)
            events.AddRange((await watch.NextAsync()).Events.Select(e => (e.Type, Meta(e.Object, "resourceVersion"))));
        events.Should().Equal(("ADDED", "3"), ("MODIFIED", "4"), ("DELETED", "5"));
    }

    [Fact]
    public async Task A_watch_overtaken_by_compaction_ends_with_410_Gone()
    {
        await using var r = Open(history: 2);
        await using var watch = await r.Service.OpenWatchAsync(Deployments, "shop", LabelSelector.Everything, "1", Ct);
        for (var i = 0; i < 5; i++)
            await r.Service.ApplyAsync(ApplyList(Deployment("web", i)), dryRun: false, Ct);
        var act = async () => await watch.NextAsync();
        (await act.Should().ThrowAsync<ApiException>()).Which.Status.Should().Be(new ApiStatus(410, "Gone",
            "too old resource version: 1 (4): the history before resourceVersion 4 has been compacted; list again and watch from the list's resourceVersion"));
    }
}
