namespace Weft.ControlPlane.Store;

/// <summary>
/// What a watch delivers at once: the events of one or more revisions, in revision order, and the
/// revision the watcher has now seen up to (also when no event matched its prefix: progress).
/// </summary>
public sealed record WatchResponse(long Revision, IReadOnlyList<WatchEvent> Events);
