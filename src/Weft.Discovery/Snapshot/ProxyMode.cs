namespace Weft.Discovery.Snapshot;

public enum ProxyMode
{
    Sidecar,
    Gateway,
}
