namespace Weft.Samples.Hosting;

/// <summary>
/// Which service and version this process is, e.g. <c>cars/v2</c>: written in front of every
/// log line (as the demo's <c>[cars/v2]</c>), in <c>/healthz</c> and in the
/// <see cref="HeaderName"/> response header, so a caller can tell v1 from v2.
/// </summary>
public sealed record Instance(string Service, string Version)
{
    public const string HeaderName = "x-weft-sample";

    public override string ToString() => $"{Service}/{Version}";
}
