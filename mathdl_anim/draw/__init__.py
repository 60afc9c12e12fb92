"""Drawing helpers: ``make_*`` builders turning core results into mobjects. No math here."""

from mathdl_anim.draw import fast_copy as _fast_copy

_fast_copy.install()
