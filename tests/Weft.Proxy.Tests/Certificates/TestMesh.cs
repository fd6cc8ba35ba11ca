using Microsoft.Extensions.Logging.Abstractions;
using Weft.Identity.Ca;
using Weft.Identity.Certificates;
using Weft.Identity.Csr;
using Weft.Identity.Spiffe;
using Weft.Proxy.Security.Certificates;

namespace Weft.Proxy.Tests.Certificates;

/// <summary>A real mesh CA (Weft.Identity's) to issue the certificates proxy-side code stores and presents.</summary>
internal static class TestMesh
{
    public static readonly SpiffeId Cars = SpiffeId.Create("cluster.local", "vm", "cars");

    public static WorkloadCertificate Issue(MeshCa ca, SpiffeId id, TimeSpan? ttl = null)
    {
        using var pending = CsrBuilder.Create(id);
        var issued = ca.Sign(pending.CsrPem, id, ttl);
        return pending.Complete(issued.Chain, issued.TrustBundle, ca.Time.GetUtcNow());
    }

    public static ProxyIdentity Identity(string dataDir, string? token = null, string? rootFile = null, string caAddress = "https://127.0.0.1:1") =>
        new(new CertificateOptions { CaAddress = new Uri(caAddress), BootstrapToken = token, RootFile = rootFile }, Cars, dataDir,
            TimeProvider.System, NullLoggerFactory.Instance);
}
