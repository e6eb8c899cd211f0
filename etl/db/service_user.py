"""The system user that runs the embedded server when newsetl runs as root.

PostgreSQL refuses to run as root. The user is created on first use; it gets the data home and
nothing else: no mode of a file or folder outside the data home is changed for it.
"""
from __future__ import annotations

import os
import pwd
import shutil
import stat
import subprocess
from pathlib import Path

SERVICE_USER = "newsetl"


def service_user() -> pwd.struct_passwd | None:
    """The account the server runs as: None when newsetl does not run as root."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam(SERVICE_USER)
    except KeyError:
        useradd = shutil.which("useradd") or "/usr/sbin/useradd"
        subprocess.run([useradd, "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
                        SERVICE_USER], check=True, capture_output=True)
        return pwd.getpwnam(SERVICE_USER)


def _allows(st: os.stat_result, user: pwd.struct_passwd, owner: int, group: int,
            other: int) -> bool:
    if st.st_uid == user.pw_uid:
        return bool(st.st_mode & owner)
    if st.st_gid == user.pw_gid:
        return bool(st.st_mode & group)
    return bool(st.st_mode & other)


def blocking_folder(path: Path, user: pwd.struct_passwd) -> Path | None:
    """The first folder above `path` that `user` may not pass through, if any."""
    for parent in reversed(path.parents):
        if not _allows(parent.stat(), user, stat.S_IXUSR, stat.S_IXGRP, stat.S_IXOTH):
            return parent
    return None


def can_run_tree(root: Path, user: pwd.struct_passwd) -> bool:
    """Whether `user` can reach `root` and read (and run) everything below it as it is."""
    if blocking_folder(root / "x", user) is not None:
        return False
    for dirpath, dirs, files in os.walk(root):
        for d in dirs:
            if not _allows(os.stat(Path(dirpath) / d), user, stat.S_IRUSR | stat.S_IXUSR,
                           stat.S_IRGRP | stat.S_IXGRP, stat.S_IROTH | stat.S_IXOTH):
                return False
        for f in files:
            st = os.stat(Path(dirpath) / f)
            if st.st_mode & stat.S_IXUSR and not _allows(st, user, stat.S_IXUSR, stat.S_IXGRP,
                                                         stat.S_IXOTH):
                return False
            if not _allows(st, user, stat.S_IRUSR, stat.S_IRGRP, stat.S_IROTH):
                return False
    return True


def hand_over(path: Path, user: pwd.struct_passwd, recursive: bool = False) -> None:
    """Make `path` (and, when recursive, everything below it) the user's own."""
    os.chown(path, user.pw_uid, user.pw_gid)
    if recursive and path.is_dir():
        for dirpath, dirs, files in os.walk(path):
            for name in dirs + files:
                os.chown(Path(dirpath) / name, user.pw_uid, user.pw_gid, follow_symlinks=False)
