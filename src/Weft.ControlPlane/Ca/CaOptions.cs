using System.Net;
using Weft.Identity.Ca;

namespace Weft.ControlPlane.Ca;

/// <summary>How weftd's CA starts: where its key comes from, where its key-encryption key is, where it listens.</summary>
public sealed record CaOptions
{
    /// <summary>The default port of weftd's TLS listener, shared by the certificate endpoint and the push stream (Istio's 15012).</summary>
    public const int DefaultPort = Hosting.WeftServerOptions.DefaultDiscoveryPort;

    /// <summary>The file a systemd unit can hand the KEK in (<c>LoadCredentialEncrypted=weft-ca-kek:...</c>).</summary>
    public const string SystemdCredential = "weft-ca-kek";

    /// <summary>Istio's cacerts directory to plug in; null: weftd's own root, generated on first start.</summary>
    public string? CaCertsDir { get; init; }

    /// <summary>
    /// The key-encryption key sealing the CA key at rest. Null: <c>$CREDENTIALS_DIRECTORY/weft-ca-kek</c>
    /// when systemd provides it, else <c>DATA_DIR/ca/kek</c> (created 0600 on first start).
    /// </summary>
    public string? KekFile { get; init; }

    /// <summary>weftd's TLS port (<c>--discovery-listen</c>): the certificate endpoint and the authenticated push stream; null: not at all (in-process servers that need none).</summary>
    public IPEndPoint? Listen { get; init; }

    /// <summary>Whether <see cref="Listen"/> was asked for: then failing to bind it stops the start.</summary>
    public bool ListenExplicit { get; init; }

    public CaPolicy Policy { get; init; } = new();
}
