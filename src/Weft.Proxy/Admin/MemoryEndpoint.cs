using System.Globalization;
using System.Runtime;
using System.Text.Json;

namespace Weft.Proxy.Admin;

/// <summary>
/// GET /memory: where the proxy's resident memory goes, as Envoy's /memory answers for tcmalloc:
/// the process's RSS split by the kernel (anonymous, file-backed, shared: /proc/self/status),
/// the GC heap (size, committed, fragmentation, collections, the gen0 budget it was given), what
/// the JIT compiled, and the threads. A sidecar's memory is judged against a budget (issue 9:
/// 25 MB under 1000 req/s); this says which part to cut.
/// </summary>
public static class MemoryEndpoint
{
    public const string Path = "/memory";

    public const string Help = "resident memory by kind (anonymous, file, shared), the GC heap and its configuration, JIT and threads, as JSON";

    public static IResult Handle()
    {
        var status = ReadProcStatus();
        var gc = GC.GetGCMemoryInfo();
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            // Kernel's view, in bytes; absent off Linux (no /proc), where only the working set is known.
            w.WriteNumber("rss_bytes", status.GetValueOrDefault("VmRSS", Environment.WorkingSet));
            foreach (var (field, name) in ProcFields)
                if (status.TryGetValue(field, out var v))
                    w.WriteNumber(name, v);

            w.WriteStartObject("gc");
            w.WriteString("mode", GCSettings.IsServerGC ? "server" : "workstation");
            w.WriteNumber("in_use_bytes", GC.GetTotalMemory(forceFullCollection: false));
            // As the last collection left them (0 before the first one).
            w.WriteNumber("heap_size_bytes", gc.HeapSizeBytes);
            w.WriteNumber("committed_bytes", gc.TotalCommittedBytes);
            w.WriteNumber("fragmented_bytes", gc.FragmentedBytes);
            w.WriteNumber("total_allocated_bytes", GC.GetTotalAllocatedBytes(precise: false));
            w.WriteNumber("gen0_collections", GC.CollectionCount(0));
            w.WriteNumber("gen1_collections", GC.CollectionCount(1));
            w.WriteNumber("gen2_collections", GC.CollectionCount(2));
            w.WriteNumber("pause_time_percentage", gc.PauseTimePercentage);
            w.WriteStartObject("configuration");
            foreach (var (key, value) in GC.GetConfigurationVariables().OrderBy(kv => kv.Key, StringComparer.Ordinal))
                w.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture));
            w.WriteEndObject();
            w.WriteEndObject();

            w.WriteStartObject("jit");
            w.WriteNumber("compiled_methods", System.Runtime.JitInfo.GetCompiledMethodCount());
            w.WriteNumber("compiled_il_bytes", System.Runtime.JitInfo.GetCompiledILBytes());
            w.WriteEndObject();

            w.WriteNumber("threads", status.GetValueOrDefault("Threads", -1));
            w.WriteStartObject("thread_pool");
            w.WriteNumber("threads", ThreadPool.ThreadCount);
            // Baked into weft-proxy.runtimeconfig.json (the csproj says why); the runtime's default is 70.
            w.WriteString("unfair_semaphore_spin_limit", Convert.ToString(AppContext.GetData("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit"), CultureInfo.InvariantCulture) ?? "70 (default)");
            w.WriteEndObject();
            w.WriteNumber("assemblies_loaded", AppDomain.CurrentDomain.GetAssemblies().Length);
            w.WriteEndObject();
        }
        return Results.Bytes(buffer.WrittenMemory.ToArray(), "application/json");
    }

    private static readonly (string Field, string Name)[] ProcFields =
    [
        ("VmHWM", "rss_peak_bytes"),
        ("RssAnon", "rss_anonymous_bytes"),
        ("RssFile", "rss_file_bytes"),
        ("RssShmem", "rss_shared_bytes"),
    ];

    /// <summary>/proc/self/status's kB fields in bytes (Threads as the count it is); empty where there is no /proc.</summary>
    private static Dictionary<string, long> ReadProcStatus()
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        if (!File.Exists("/proc/self/status"))
            return values;
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
                continue;
            var parts = line[(colon + 1)..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0 || !long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
                continue;
            values[line[..colon]] = parts.Length > 1 && parts[1] == "kB" ? n * 1024 : n;
        }
        return values;
    }
}
