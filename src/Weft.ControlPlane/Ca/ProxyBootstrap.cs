namespace Weft.ControlPlane.Ca;

/// <summary>
/// The certificate arguments for a proxy weftd starts itself (a deployed gateway): a fresh
/// single-use bootstrap token and the mesh roots, written 0600 beside the proxy's data, and the
/// TLS port's address, so the proxy proves its identity on the push stream like any other.
/// </summary>
public static class ProxyBootstrap
{
    /// <summary>How long the token may wait for the proxy's first certificate.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(10);

    /// <summary>Writes DIR/bootstrap-token and DIR/root-cert.pem; none when the TLS port is not listening.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(CaService ca, string ns, string serviceAccount, string dir, CancellationToken ct)
    {
        if (ca.Address is not { } address)
            return [];
        var (token, _) = await ca.CreateTokenAsync(ns, serviceAccount, TokenLifetime, ct);
        Directory.CreateDirectory(dir);
        var tokenFile = Path.Combine(dir, "bootstrap-token");
        await using (var f = new FileStream(tokenFile, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        await using (var w = new StreamWriter(f))
            await w.WriteAsync(token.Reveal());
        var rootFile = Path.Combine(dir, "root-cert.pem");
        await File.WriteAllTextAsync(rootFile, ca.RootCertificatesPem, ct);
        return ["--ca-address", address.ToString().TrimEnd('/'), "--token-file", tokenFile, "--ca-root-file", rootFile];
    }
}
