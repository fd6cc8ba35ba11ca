namespace Weft.Samples.Bookinfo.Reviews;

/// <summary>Where reviews finds ratings, and how it names itself in its answers.</summary>
public sealed record ReviewsTarget(string RatingsUrl, string PodName, string ClusterName);
