/* GCC 13's libstdc++ exports std::ios_base_library_init() (GLIBCXX_3.4.32) only so that objects using
   iostreams pull in the library's stream initialisation; with GCC 12's libstdc++ that initialisation
   happens anyway, so an empty definition is enough. */
void _ZSt21ios_base_library_initv(void) {}
