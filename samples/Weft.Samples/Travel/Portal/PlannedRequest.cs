namespace Weft.Samples.Travel.Portal;

/// <summary>The headers of one portal iteration: <c>device</c> (web, mobile), <c>user</c> (new, registered), <c>travel</c> (t1, t2, t3).</summary>
public sealed record PlannedRequest(string Device, string User, string Travel);
