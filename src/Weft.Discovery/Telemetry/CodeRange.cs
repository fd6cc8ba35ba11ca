namespace Weft.Discovery.Telemetry;

/// <summary>Response codes <see cref="From"/>..<see cref="To"/>, both included (0 for a TCP connection or a reset).</summary>
public sealed record CodeRange(int From, int To);
