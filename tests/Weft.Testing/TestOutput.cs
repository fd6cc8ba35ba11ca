namespace Weft.Testing;

/// <summary>
/// The folder where tests leave artifacts worth keeping (screenshots, figures, logs):
/// WEFT_TEST_OUTPUT, or test-output/ in the repository. CI uploads it.
/// </summary>
public static class TestOutput
{
    public static string Dir
    {
        get
        {
            var dir = Environment.GetEnvironmentVariable("WEFT_TEST_OUTPUT") ?? Path.Combine(Repo.Root, "test-output");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }
}
