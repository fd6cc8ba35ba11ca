namespace Weft.ControlPlane.Store;

/// <summary>Where the store is: its current revision and the oldest revision still in its history.</summary>
/// <param name="Revision">The revision of the last committed change.</param>
/// <param name="CompactRevision">Watches may start at this revision or later; 0 when nothing was compacted.</param>
public sealed record StoreStatus(long Revision, long CompactRevision);
