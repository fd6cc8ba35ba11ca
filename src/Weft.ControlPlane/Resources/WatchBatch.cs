namespace Weft.ControlPlane.Resources;

/// <summary>Events delivered together, and the revision the watch has seen everything up to.</summary>
/// <param name="Events">The events, in revision order (empty when only other objects changed).</param>
/// <param name="Revision">Everything up to this revision has been delivered: a bookmark may name it.</param>
/// <param name="InitialState">This batch is the synthetic ADDED events of the state the watch started from.</param>
public sealed record WatchBatch(IReadOnlyList<ResourceEvent> Events, long Revision, bool InitialState);
