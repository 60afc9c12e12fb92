"""Drawing helpers: ``make_*`` builders turning core results into mobjects. No math here."""

from mathdl_anim.draw import fast_copy as _fast_copy
from mathdl_anim.draw import fast_family as _fast_family
from mathdl_anim.draw import fast_path as _fast_path
from mathdl_anim.draw import fast_subpaths as _fast_subpaths
from mathdl_anim.draw import svg_cache as _svg_cache

_fast_copy.install()
_fast_family.install()
_fast_path.install()
_fast_subpaths.install()
_svg_cache.install()
