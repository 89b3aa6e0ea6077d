/* placeholder */ typedef int sohoa_placeholder_t;
