namespace Weft.Testing;

/// <summary>Asking again until an answer is good: what tests of real processes do for anything that settles asynchronously.</summary>
public static class Poll
{
    /// <summary>
    /// Calls <paramref name="get"/> until <paramref name="ok"/> holds or <paramref name="timeout"/>
    /// passed, and returns the last answer either way, so the caller's assertion shows what was there.
    /// </summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> get, Func<T, bool> ok, TimeSpan timeout, CancellationToken ct, int intervalMs = 250)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var v = await get();
            if (ok(v) || DateTime.UtcNow > deadline)
                return v;
            await Task.Delay(intervalMs, ct);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds; after <paramref name="timeout"/> (30 s by default) throws, naming <paramref name="what"/>.</summary>
    public static async Task ForAsync(Func<bool> condition, string what, CancellationToken ct, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        var deadline = DateTime.UtcNow + limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"waited {limit.TotalSeconds:0} s for {what}");
            await Task.Delay(20, ct);
        }
    }

    /// <summary>A file's text once it contains <paramref name="text"/> (or as it is after <paramref name="timeout"/>); written by another process, it may lag what that process answered.</summary>
    public static Task<string> FileContainsAsync(string path, string text, TimeSpan timeout, CancellationToken ct) =>
        UntilAsync(async () => File.Exists(path) ? await File.ReadAllTextAsync(path, ct) : "", t => t.Contains(text, StringComparison.Ordinal), timeout, ct);
}
