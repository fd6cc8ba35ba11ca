using System.Globalization;
using Weft.ControlPlane.Resources.Labels;
using Weft.ControlPlane.Store;

namespace Weft.ControlPlane.Resources;

public sealed partial class ResourceService
{
    /// <summary>
    /// Opens a watch. Without a resourceVersion (or with "0") it starts with ADDED events for the
    /// current state, then follows changes; with one, it follows the changes after it, or fails
    /// with 410 Gone when the store's history no longer reaches back that far.
    /// </summary>
    public async Task<ResourceWatch> OpenWatchAsync(ResourceType type, string? ns, LabelSelector selector, string? resourceVersion, CancellationToken ct)
    {
        var prefix = ResourceKey.CollectionPrefix(type.Group, type.Plural, type.Namespaced ? ns : null);
        List<ResourceEvent>? initial = null;
        long start;
        long revision;
        if (string.IsNullOrEmpty(resourceVersion) || resourceVersion == "0")
        {
            var range = await store.RangeAsync(prefix, keysOnly: false, ct);
            initial = [];
            foreach (var kv in range.Items)
            {
                var obj = StoredObjects.Present(kv, type);
                if (selector.Matches(StoredObjects.Labels(obj)))
                    initial.Add(new ResourceEvent(ResourceEvent.Added, obj));
            }
            revision = range.Revision;
            start = range.Revision + 1;
        }
        else
        {
            revision = ParseResourceVersion(resourceVersion, "resourceVersion", out var error);
            if (error is not null)
                throw new ApiException(ApiStatus.BadRequest($"resourceVersion \"{resourceVersion}\" is not valid: it must be a resourceVersion this server returned (a positive decimal number)"));
            start = revision + 1;
        }
        var enumerator = store.WatchAsync(prefix, start, ct).GetAsyncEnumerator(ct);
        try
        {
            // The store's first response is the watch's creation: it arrives at once, or says the history is gone.
            await enumerator.MoveNextAsync();
        }
        catch (StoreCompactedException ex)
        {
            await enumerator.DisposeAsync();
            throw Refused(type, "", TooOld(revision, ex.CompactRevision));
        }
        catch
        {
            await enumerator.DisposeAsync();
            throw;
        }
        return new ResourceWatch(enumerator, type, selector, initial, revision, log);
    }

    /// <summary>410 Gone for a watch from a compacted resourceVersion, with what to do about it.</summary>
    public static ApiStatus TooOld(long resourceVersion, long compactRevision) => ApiStatus.Gone(string.Create(CultureInfo.InvariantCulture,
        $"too old resource version: {resourceVersion} ({compactRevision - 1}): the history before resourceVersion {compactRevision - 1} has been compacted; list again and watch from the list's resourceVersion"));
}
