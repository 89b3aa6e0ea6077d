# Writes OUT, a C file defining api_openapi_text(), from the bytes of IN.
file(READ ${IN} hex HEX)
string(LENGTH "${hex}" n)
math(EXPR len "${n} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "((0x[0-9a-f][0-9a-f],){16})" "\\1\n" bytes "${bytes}")
file(WRITE ${OUT} "/* Generated from openapi.json by embed.cmake; do not edit. */\n"
  "#include \"api.h\"\n"
  "static const char api_openapi[] = {\n${bytes}0x00};\n"
  "const char *api_openapi_text(size_t *len)\n{\n"
  "\tif (len)\n\t\t*len = ${len};\n\treturn api_openapi;\n}\n")
