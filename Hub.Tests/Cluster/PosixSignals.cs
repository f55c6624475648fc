using System.ComponentModel;
using System.Runtime.InteropServices;

namespace RealtimeHub.Tests.Cluster;

/// <summary>Sends Unix signals: <see cref="System.Diagnostics.Process.Kill()"/> only knows SIGKILL.</summary>
internal static partial class PosixSignals
{
    private const int SigTerm = 15;

    public static void Terminate(int processId)
    {
        if (Kill(processId, SigTerm) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), $"kill({processId}, SIGTERM) failed");
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
