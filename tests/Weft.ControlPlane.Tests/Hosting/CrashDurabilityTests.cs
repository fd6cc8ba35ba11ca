using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Weft.ControlPlane.Tests.Http;
using Weft.Testing;

namespace Weft.ControlPlane.Tests.Hosting;

/// <summary>
/// kill -9 of weftd in the middle of a stream of batch applies: after a restart every acknowledged
/// object is there at the resourceVersion that was acknowledged, no batch is half applied, and the
/// database file is intact.
/// </summary>
public class CrashDurabilityTests
{
    private const int PerBatch = 3;
    private const string Ns = "crash";

    private sealed record Acked(int Batch, string ResourceVersion);

    private static string Batch(int batch)
    {
        var items = new JsonArray();
        for (var i = 0; i < PerBatch; i++)
        {
            items.Add(new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "ConfigMap",
                ["metadata"] = new JsonObject
                {
                    ["name"] = $"b{batch}-{i}",
                    ["namespace"] = Ns,
                    ["labels"] = new JsonObject { ["batch"] = batch.ToString(CultureInfo.InvariantCulture) },
                },
                ["data"] = new JsonObject { ["payload"] = new string('x', 512) },
            });
        }
        // Every batch also rewrites one shared object: after the crash it must name a batch that is wholly there.
        items.Add(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = "last-batch", ["namespace"] = Ns },
            ["data"] = new JsonObject { ["batch"] = batch.ToString(CultureInfo.InvariantCulture) },
        });
        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = items }.ToJsonString();
    }

    [Fact]
    public async Task Kill_9_during_applies_loses_no_acknowledged_object_and_leaves_no_batch_half_applied()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = Repo.TempDir("weftd-crash");
        var dataDir = dir.File("data");
        var acked = new ConcurrentBag<Acked>();
        var next = 0;

        await using (var weftd = await WeftdProcess.StartAsync(new WeftdStart { DataDir = dataDir }, ct))
        {
            using var api = weftd.CreateClient(timeout: TimeSpan.FromSeconds(10));
            using var stop = new CancellationTokenSource();
            async Task WriterAsync()
            {
                while (!stop.IsCancellationRequested)
                {
                    var batch = Interlocked.Increment(ref next);
                    try
                    {
                        using var response = await api.PostAsync("apis/weft.io/v1/apply",
                            new StringContent(Batch(batch), System.Text.Encoding.UTF8, "application/json"), stop.Token);
                        if (response.StatusCode != HttpStatusCode.OK)
                            throw new InvalidOperationException($"batch {batch}: {response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
                        var result = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!;
                        acked.Add(new Acked(batch, result["items"]![0]!["resourceVersion"]!.ToString()));
                    }
                    catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
                    {
                        return;   // weftd is gone: what it acknowledged so far is what must survive
                    }
                }
            }
            var writers = Enumerable.Range(0, 3).Select(_ => Task.Run(WriterAsync, ct)).ToArray();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while (acked.Count < 60 && DateTime.UtcNow < deadline)
                await Task.Delay(20, ct);
            weftd.KillHard();   // with writers mid-request
            await weftd.Process.WaitForExitAsync(TimeSpan.FromSeconds(10));
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }
        acked.Count.Should().BeGreaterThanOrEqualTo(60);

        await using (var restarted = await WeftdProcess.StartAsync(new WeftdStart { DataDir = dataDir }, ct))
        {
            using var api = restarted.CreateClient();
            var list = JsonNode.Parse((await api.ApiGetAsync($"api/v1/namespaces/{Ns}/configmaps")).Body)!["items"]!.AsArray();
            var byName = list.ToDictionary(i => i!["metadata"]!["name"]!.ToString(), i => i!);

            foreach (var a in acked)
            {
                for (var i = 0; i < PerBatch; i++)
                {
                    byName.Should().ContainKey($"b{a.Batch}-{i}", $"batch {a.Batch} was acknowledged");
                    byName[$"b{a.Batch}-{i}"]["metadata"]!["resourceVersion"]!.ToString().Should().Be(a.ResourceVersion);
                }
            }
            var batches = list.Where(i => i!["metadata"]!["labels"]?["batch"] is not null)
                .GroupBy(i => i!["metadata"]!["labels"]!["batch"]!.ToString())
                .ToDictionary(g => g.Key, g => g.ToList());
            batches.Should().OnlyContain(b => b.Value.Count == PerBatch, "a batch is committed whole or not at all");
            batches.Values.Should().OnlyContain(b => b.Select(o => o!["metadata"]!["resourceVersion"]!.ToString()).Distinct().Count() == 1,
                "one batch is one revision");
            var last = byName["last-batch"]["data"]!["batch"]!.ToString();
            batches.Should().ContainKey(last, "the shared object was written in the same transaction as its batch");
            byName["last-batch"]["metadata"]!["resourceVersion"]!.ToString().Should().Be(batches[last][0]!["metadata"]!["resourceVersion"]!.ToString());
            (await restarted.StopAsync()).Should().Be(0);
        }

        using var db = new SqliteConnection($"Data Source={Path.Combine(dataDir, "store.db")};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var check = db.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        check.ExecuteScalar().Should().Be("ok");
    }
}
