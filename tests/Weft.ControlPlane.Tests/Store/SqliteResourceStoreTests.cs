using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Weft.ControlPlane.Store;
using Weft.ControlPlane.Store.Sqlite;
using Weft.Testing;
using static Weft.ControlPlane.Tests.Store.TestStore;

namespace Weft.ControlPlane.Tests.Store;

public class SqliteResourceStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_empty_store_is_at_revision_1_and_each_changing_transaction_bumps_it_by_one()
    {
        await using var s = Open();
        (await s.Store.StatusAsync(Ct)).Should().Be(new StoreStatus(1, 0));
        (await s.PutAsync("/a", "1")).Revision.Should().Be(2);
        (await s.PutAsync("/b", "1")).Revision.Should().Be(3);
        (await s.Store.StatusAsync(Ct)).Revision.Should().Be(3);
    }

    [Fact]
    public async Task Create_revision_stays_while_mod_revision_and_version_follow_each_write()
    {
        await using var s = Open();
        await s.PutAsync("/a", "one");
        await s.PutAsync("/other", "x");
        await s.PutAsync("/a", "two");
        var kv = await s.Store.GetAsync("/a", Ct);
        kv!.CreateRevision.Should().Be(2);
        kv.ModRevision.Should().Be(4);
        kv.Version.Should().Be(2);
        Text(kv).Should().Be("two");
    }

    [Fact]
    public async Task A_compare_on_a_stale_mod_revision_fails_names_the_key_and_writes_nothing()
    {
        await using var s = Open();
        await s.PutAsync("/a", "one");
        await s.PutAsync("/a", "two");
        var result = await s.Store.TxnAsync(new Txn([new Compare("/a", 2)], [new TxnOp.Put("/a", Bytes("three"))]), Ct);
        result.Succeeded.Should().BeFalse();
        result.Changed.Should().BeFalse();
        result.Revision.Should().Be(3);
        result.Failed.Should().Equal(new CompareFailure("/a", 2, 3));
        Text((await s.Store.GetAsync("/a", Ct))!).Should().Be("two");
        (await s.Store.StatusAsync(Ct)).Revision.Should().Be(3);
    }

    [Fact]
    public async Task A_create_only_compare_fails_when_the_key_exists()
    {
        await using var s = Open();
        await s.PutAsync("/a", "one");
        var result = await s.Store.TxnAsync(new Txn([Compare.Absent("/a")], [new TxnOp.Put("/a", Bytes("again"))]), Ct);
        result.Failed.Should().Equal(new CompareFailure("/a", 0, 2));
        Text((await s.Store.GetAsync("/a", Ct))!).Should().Be("one");
    }

    [Fact]
    public async Task A_multi_key_transaction_is_all_or_nothing()
    {
        await using var s = Open();
        await s.PutAsync("/guard", "v1");
        var ops = new TxnOp[] { new TxnOp.Put("/x", Bytes("1")), new TxnOp.Put("/y", Bytes("2")), new TxnOp.Delete("/guard") };
        var failed = await s.Store.TxnAsync(new Txn([Compare.Absent("/x"), new Compare("/guard", 99)], ops), Ct);
        failed.Succeeded.Should().BeFalse();
        (await s.Store.RangeAsync("/", false, Ct)).Items.Select(k => k.Key).Should().Equal("/guard");

        var ok = await s.Store.TxnAsync(new Txn([Compare.Absent("/x"), new Compare("/guard", 2)], ops), Ct);
        ok.Succeeded.Should().BeTrue();
        var range = await s.Store.RangeAsync("/", false, Ct);
        range.Items.Select(k => (k.Key, k.ModRevision)).Should().Equal(("/x", 3L), ("/y", 3L));
        range.Revision.Should().Be(3);
    }

    [Fact]
    public async Task Deleting_an_absent_key_changes_nothing_and_keeps_the_revision()
    {
        await using var s = Open();
        var result = await s.Store.TxnAsync(new Txn([], [new TxnOp.Delete("/nothing")]), Ct);
        result.Should().BeEquivalentTo(new TxnResult(true, 1, [], Changed: false));
        (await s.Store.StatusAsync(Ct)).Revision.Should().Be(1);
    }

    [Fact]
    public async Task A_key_written_twice_in_one_transaction_is_refused()
    {
        await using var s = Open();
        var act = () => s.Store.TxnAsync(new Txn([], [new TxnOp.Put("/a", Bytes("1")), new TxnOp.Delete("/a")]), Ct);
        (await act.Should().ThrowAsync<ArgumentException>()).Which.Message
            .Should().Be("the key /a is written more than once in one transaction (Parameter 'txn')");
    }

    [Fact]
    public async Task A_range_reads_exactly_its_prefix_in_key_order_at_one_revision()
    {
        await using var s = Open();
        await s.PutAsync("/r/b/2", "b2");
        await s.PutAsync("/r/a/1", "a1");
        await s.PutAsync("/r/b/1", "b1");
        await s.PutAsync("/r/bb/1", "bb1");
        await s.PutAsync("/r/b", "the prefix itself without its slash");
        var range = await s.Store.RangeAsync("/r/b/", keysOnly: false, Ct);
        range.Items.Select(k => (k.Key, Text(k))).Should().Equal(("/r/b/1", "b1"), ("/r/b/2", "b2"));
        range.Revision.Should().Be(6);
    }

    [Fact]
    public async Task A_keys_only_range_leaves_the_values_empty()
    {
        await using var s = Open();
        await s.PutAsync("/k/a", "value");
        var range = await s.Store.RangeAsync("/k/", keysOnly: true, Ct);
        range.Items.Should().ContainSingle().Which.Value.IsEmpty.Should().BeTrue();
        range.Items[0].ModRevision.Should().Be(2);
    }

    [Fact]
    public async Task Concurrent_compare_and_swap_writers_never_lose_an_update()
    {
        await using var s = Open();
        await s.PutAsync("/counter", "0");
        const int writers = 4, increments = 25;
        var conflicts = 0;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < increments; i++)
            {
                while (true)
                {
                    var kv = (await s.Store.GetAsync("/counter", Ct))!;
                    var next = int.Parse(Text(kv), System.Globalization.CultureInfo.InvariantCulture) + 1;
                    var r = await s.Store.TxnAsync(new Txn([new Compare("/counter", kv.ModRevision)],
                        [new TxnOp.Put("/counter", Bytes(next.ToString(System.Globalization.CultureInfo.InvariantCulture)))]), Ct);
                    if (r.Succeeded)
                        break;
                    Interlocked.Increment(ref conflicts);
                }
            }
        }, Ct)));
        Text((await s.Store.GetAsync("/counter", Ct))!).Should().Be((writers * increments).ToString(System.Globalization.CultureInfo.InvariantCulture));
        (await s.Store.StatusAsync(Ct)).Revision.Should().Be(2 + (writers * increments));
    }

    [Fact]
    public async Task A_watch_replays_the_history_from_a_revision_then_follows_new_commits()
    {
        await using var s = Open();
        await s.PutAsync("/w/a", "1");                       // 2
        await s.PutAsync("/w/a", "2");                       // 3
        await s.Store.TxnAsync(new Txn([], [new TxnOp.Delete("/w/a")]), Ct); // 4
        await using var watch = s.Store.WatchAsync("/w/", 3, Ct).GetAsyncEnumerator(Ct);
        (await watch.MoveNextAsync()).Should().BeTrue();
        watch.Current.Events.Should().BeEmpty("the first response is the watch's creation");
        (await watch.MoveNextAsync()).Should().BeTrue();
        var replay = watch.Current;
        replay.Revision.Should().Be(4);
        replay.Events.Select(e => (e.Type, e.Kv.Key, e.Kv.ModRevision)).Should().Equal(
            (WatchEventType.Put, "/w/a", 3L), (WatchEventType.Delete, "/w/a", 4L));

        var next = watch.MoveNextAsync().AsTask();
        await Task.Delay(50, Ct);
        next.IsCompleted.Should().BeFalse("nothing happened since");
        await s.PutAsync("/w/b", "new");
        (await next.WaitAsync(TimeSpan.FromSeconds(5), Ct)).Should().BeTrue();
        var live = watch.Current.Events.Should().ContainSingle().Subject;
        live.IsCreate.Should().BeTrue();
        Text(live.Kv).Should().Be("new");
        live.Kv.ModRevision.Should().Be(5);
    }

    [Fact]
    public async Task A_watch_from_zero_starts_after_the_current_revision()
    {
        await using var s = Open();
        await s.PutAsync("/w/old", "x");
        await using var watch = s.Store.WatchAsync("/w/", 0, Ct).GetAsyncEnumerator(Ct);
        await watch.MoveNextAsync();
        watch.Current.Revision.Should().Be(2);
        await s.PutAsync("/w/new", "y");
        await watch.MoveNextAsync();
        watch.Current.Events.Select(e => e.Kv.Key).Should().Equal("/w/new");
    }

    [Fact]
    public async Task A_watch_sees_only_its_prefix_and_reports_progress_for_other_commits()
    {
        await using var s = Open();
        await using var watch = s.Store.WatchAsync("/mine/", 0, Ct).GetAsyncEnumerator(Ct);
        await watch.MoveNextAsync();
        await s.PutAsync("/theirs/a", "x");
        await watch.MoveNextAsync();
        watch.Current.Should().BeEquivalentTo(new WatchResponse(2, []));
        await s.PutAsync("/mine/a", "y");
        await watch.MoveNextAsync();
        watch.Current.Revision.Should().Be(3);
        watch.Current.Events.Select(e => e.Kv.Key).Should().Equal("/mine/a");
    }

    [Fact]
    public async Task Watch_events_carry_the_previous_value_of_the_key()
    {
        await using var s = Open();
        await s.PutAsync("/p/a", "before");
        await using var watch = s.Store.WatchAsync("/p/", 0, Ct).GetAsyncEnumerator(Ct);
        await watch.MoveNextAsync();
        await s.PutAsync("/p/a", "after");
        await s.Store.TxnAsync(new Txn([], [new TxnOp.Delete("/p/a")]), Ct);
        var events = new List<WatchEvent>();
        while (events.Count < 2 && await watch.MoveNextAsync())
            events.AddRange(watch.Current.Events);
        Text(events[0].PrevKv!).Should().Be("before");
        Text(events[0].Kv).Should().Be("after");
        events[1].Type.Should().Be(WatchEventType.Delete);
        events[1].Kv.Value.IsEmpty.Should().BeTrue();
        Text(events[1].PrevKv!).Should().Be("after");
        events[1].PrevKv!.ModRevision.Should().Be(3);
    }

    [Fact]
    public async Task A_watch_from_a_compacted_revision_fails_as_too_old()
    {
        await using var s = Open();
        for (var i = 0; i < 5; i++)
            await s.PutAsync("/c/a", i.ToString(System.Globalization.CultureInfo.InvariantCulture));   // revisions 2..6
        await s.Store.CompactAsync(5, Ct);
        (await s.Store.StatusAsync(Ct)).Should().Be(new StoreStatus(6, 5));
        var tooOld = async () =>
        {
            await foreach (var _ in s.Store.WatchAsync("/c/", 4, Ct))
                break;
        };
        (await tooOld.Should().ThrowAsync<StoreCompactedException>()).Which.Message
            .Should().Be("revision 4 has been compacted; the oldest revision a watch can start from is 5");

        await using var ok = s.Store.WatchAsync("/c/", 5, Ct).GetAsyncEnumerator(Ct);
        await ok.MoveNextAsync();
        await ok.MoveNextAsync();
        ok.Current.Events.Select(e => e.Kv.ModRevision).Should().Equal(5, 6);
    }

    [Fact]
    public async Task The_history_is_bounded_and_compacts_itself_as_revisions_pass()
    {
        await using var s = Open(history: 3);
        for (var i = 0; i < 10; i++)
            await s.PutAsync("/h/a", "v");   // revisions 2..11
        (await s.Store.StatusAsync(Ct)).Should().Be(new StoreStatus(11, 9));
        using var db = new SqliteConnection($"Data Source={s.DbPath};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT group_concat(revision) FROM events";
        cmd.ExecuteScalar().Should().Be("9,10,11");
    }

    [Fact]
    public async Task A_watcher_overtaken_by_compaction_fails_on_its_next_read()
    {
        await using var s = Open(history: 2);
        await using var watch = s.Store.WatchAsync("/slow/", 0, Ct).GetAsyncEnumerator(Ct);
        await watch.MoveNextAsync();   // created at revision 1, wants 2 next
        for (var i = 0; i < 5; i++)
            await s.PutAsync("/slow/a", "v");
        var act = async () => await watch.MoveNextAsync();
        (await act.Should().ThrowAsync<StoreCompactedException>()).Which.Message
            .Should().Be("revision 2 has been compacted; the oldest revision a watch can start from is 5");
    }

    [Fact]
    public async Task Compacting_to_a_future_revision_is_refused()
    {
        await using var s = Open();
        var act = () => s.Store.CompactAsync(10, Ct);
        (await act.Should().ThrowAsync<ArgumentOutOfRangeException>()).Which.Message
            .Should().StartWith("cannot compact to a future revision (the current revision is 1)");
    }

    [Fact]
    public async Task Reopening_the_store_keeps_keys_revisions_and_history()
    {
        await using var s = Open();
        await s.PutAsync("/keep/a", "1");
        await s.PutAsync("/keep/a", "2");
        await s.ReopenAsync();
        (await s.Store.StatusAsync(Ct)).Revision.Should().Be(3);
        var kv = await s.Store.GetAsync("/keep/a", Ct);
        (kv!.CreateRevision, kv.ModRevision, kv.Version, Text(kv)).Should().Be((2L, 3L, 2L, "2"));
        (await s.PutAsync("/keep/b", "x")).Revision.Should().Be(4);
        await using var watch = s.Store.WatchAsync("/keep/", 2, Ct).GetAsyncEnumerator(Ct);
        await watch.MoveNextAsync();
        await watch.MoveNextAsync();
        watch.Current.Events.Select(e => e.Kv.ModRevision).Should().Equal(2, 3, 4);
    }

    [Fact]
    public async Task A_store_written_by_a_newer_weftd_is_refused_with_the_schema_versions()
    {
        await using var s = Open();
        var path = s.DbPath;
        await s.Store.DisposeAsync();
        using (var db = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = "PRAGMA user_version = 7";
            cmd.ExecuteNonQuery();
        }
        var act = () => SqliteResourceStore.Open(path, new SqliteStoreOptions(), NullLogger.Instance);
        act.Should().Throw<StoreOpenException>().Which.Message
            .Should().Be($"cannot open the store {path}: it was written by a newer weftd (schema 7; this weftd reads schema 1)");
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_refused_with_sqlites_reason()
    {
        using var dir = Repo.TempDir("weft-store");
        var path = dir.Write("store.db", new string('x', 4096));
        var act = () => SqliteResourceStore.Open(path, new SqliteStoreOptions(), NullLogger.Instance);
        act.Should().Throw<StoreOpenException>().Which.Message
            .Should().Be($"cannot open the store {path}: SQLite Error 26: 'file is not a database'.");
    }
}
