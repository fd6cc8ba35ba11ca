namespace Weft.Proxy.Workloads;

/// <summary>One probe run: whether it passed, and what was seen (shown in logs, the admin page and the WorkloadEntry).</summary>
public readonly record struct ProbeResult(bool Success, string Detail);
